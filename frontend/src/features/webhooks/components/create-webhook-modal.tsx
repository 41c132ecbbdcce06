import { Alert, Form, Input, Modal, Select } from "antd";
import { OrgSelect } from "@/components/org-select";
import {
  useCreateWebhook,
  webhookEvents,
  type Webhook,
} from "@/features/webhooks/api/webhooks";
import { eventText } from "@/features/webhooks/components/labels";
import { useWebhooksT } from "@/features/webhooks/messages";
import { useFormProblem } from "@/lib/problems";

type Values = { url: string; events: string[]; organization_id: number; secret?: string };

const anyOrg = () => true;

/** Subscribes a receiver; `onCreated` gets the answer, the only one carrying the secret. */
export function CreateWebhookModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (webhook: Webhook) => void;
}) {
  const wt = useWebhooksT();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const problem = useFormProblem(form);

  const submit = ({ secret, url, ...values }: Values) => {
    problem.setMessage(null);
    create.mutate(
      { ...values, url: url.trim(), secret: secret ? secret : null },
      { onSuccess: onCreated, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={wt("webhooks.create")}
      okText={wt("webhooks.create")}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="url"
          label={wt("webhooks.url")}
          rules={[
            { required: true, whitespace: true, message: wt("webhooks.url.required") },
            { pattern: /^\s*https?:\/\/\S{1,492}\s*$/, message: wt("webhooks.url.invalid") },
          ]}
        >
          <Input placeholder="https://tinhuy.local/kiemdiem" />
        </Form.Item>
        <Form.Item
          name="events"
          label={wt("webhooks.events")}
          rules={[{ required: true, message: wt("webhooks.events.required") }]}
        >
          <Select
            mode="multiple"
            aria-label={wt("webhooks.events")}
            options={webhookEvents.map((event) => ({
              value: event,
              label: `${eventText(wt, event)} (${event})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="organization_id"
          label={wt("webhooks.organization")}
          extra={wt("webhooks.organization.hint")}
          rules={[{ required: true, message: wt("webhooks.organization.required") }]}
        >
          <OrgSelect aria-label={wt("webhooks.organization")} offered={anyOrg} />
        </Form.Item>
        <Form.Item
          name="secret"
          label={wt("webhooks.secret")}
          extra={wt("webhooks.secret.hint")}
          rules={[{ min: 32, message: wt("webhooks.secret.length") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {problem.message && <Alert type="error" showIcon title={problem.message} />}
    </Modal>
  );
}
