import { Alert, Descriptions, Modal, Typography } from "antd";
import type { ServiceAccount } from "@/features/service-accounts/api/get-service-accounts";
import { useT } from "@/lib/i18n/use-t";

/** The new account's credentials; the secret is stored hashed and never shown again. */
type Props = { account: ServiceAccount; onClose: () => void };

export function SecretModal({ account, onClose }: Props) {
  const t = useT();
  return (
    <Modal
      open
      title={t("sa.secret.title", { name: account.name })}
      onOk={onClose}
      onCancel={onClose}
      okText={t("sa.secret.done")}
      cancelButtonProps={{ style: { display: "none" } }}
      mask={{ closable: false }}
      width={640}
    >
      <Alert type="warning" showIcon title={t("sa.secret.warning")} style={{ marginBottom: 16 }} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t("sa.clientId")}>
          <Typography.Text code copyable data-testid="sa-client-id">
            {account.client_id}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("sa.secret")}>
          <Typography.Text
            code
            copyable={{ tooltips: [t("sa.secret.copy"), t("sa.secret.copied")] }}
            data-testid="sa-secret"
          >
            {account.client_secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
