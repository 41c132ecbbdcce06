import { Alert, Descriptions, Modal, Typography } from "antd";
import type { Webhook } from "@/features/webhooks/api/webhooks";
import { useWebhooksT } from "@/features/webhooks/messages";

/** The new subscription's secret: the API shows it in the creation answer only. */
export function SecretModal({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const wt = useWebhooksT();
  return (
    <Modal
      open
      title={wt("webhooks.secret.title")}
      onOk={onClose}
      onCancel={onClose}
      okText={wt("webhooks.secret.done")}
      cancelButtonProps={{ style: { display: "none" } }}
      mask={{ closable: false }}
      width={640}
    >
      <Alert type="warning" showIcon title={wt("webhooks.secret.warning")} style={{ marginBottom: 16 }} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={wt("webhooks.url")}>{webhook.url}</Descriptions.Item>
        <Descriptions.Item label={wt("webhooks.secret")}>
          <Typography.Text
            code
            copyable={{ tooltips: [wt("webhooks.secret.copy"), wt("webhooks.secret.copied")] }}
            data-testid="webhook-secret"
          >
            {webhook.secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
