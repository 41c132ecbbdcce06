import { Alert, App, Form, Input, Modal } from "antd";
import {
  useDecideDossier,
  type DossierKey,
  type DossierKind,
} from "@/features/dossiers/api/dossiers";
import { useDossiersT } from "@/features/dossiers/messages";
import { useFormProblem } from "@/lib/problems";

export type Decision = "accept" | "return";

/**
 * The committee above (the province's, for the leaders' dossier) accepts the dossier or returns
 * it. Returning needs a comment: the form asks for one, the API says so too (422 on `comment`),
 * and its words show under the field.
 */
export function DecisionModal({
  dossierKey,
  kind = "base",
  name,
  decision,
  onClose,
}: {
  dossierKey: DossierKey;
  kind?: DossierKind;
  name: string;
  decision: Decision;
  onClose: () => void;
}) {
  const dt = useDossiersT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useDecideDossier(kind);
  const problem = useFormProblem(form);
  const returning = decision === "return";
  const label = dt(returning ? "dossiers.return" : "dossiers.accept");

  const submit = ({ comment }: { comment?: string }) => {
    problem.setMessage(null);
    decide.mutate(
      { ...dossierKey, decision, comment: comment?.trim() || null },
      {
        onSuccess: () => {
          void message.success(
            dt(returning ? "dossiers.decided.return" : "dossiers.decided.accept"),
          );
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={dt("dossiers.decision.title", { decision: label, name })}
      okText={label}
      cancelText={dt("dossiers.decision.cancel")}
      okButtonProps={{ danger: returning, loading: decide.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {returning && (
        <Alert
          type="info"
          showIcon
          title={dt("dossiers.decision.returnHint")}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ comment: "" }}>
        <Form.Item
          name="comment"
          label={returning ? dt("dossiers.decision.reason") : dt("dossiers.decision.comment")}
          // A return without a comment is not sent; the API checks it too (a blank one is sent
          // as none) and its message shows here.
          rules={[{ required: returning, message: dt("dossiers.decision.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {problem.message && <Alert type="error" showIcon role="alert" title={problem.message} />}
    </Modal>
  );
}
