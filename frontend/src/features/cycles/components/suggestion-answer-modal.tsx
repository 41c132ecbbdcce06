import { Form, Input, Modal } from "antd";
import { FormError } from "@/components/ui/form-error";
import { useAnswerSuggestion, type Suggestion } from "@/features/cycles/api/suggestions";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Props = { suggestion: Suggestion; onClose: () => void; onAnswered: () => void };

/** The subject's explanation (giải trình) of a review suggestion. */
export function SuggestionAnswerModal({ suggestion, onClose, onAnswered }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ explanation: string }>();
  const answer = useAnswerSuggestion(suggestion.cycle_id);
  const problem = useFormProblem(form);
  return (
    <Modal
      open
      title={t("suggestions.answer.title", { content: suggestion.content })}
      okText={t("suggestions.answer")}
      cancelText={t("common.cancel")}
      confirmLoading={answer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ explanation: suggestion.explanation ?? "" }}
        onFinish={({ explanation }) => {
          problem.setMessage(null);
          answer.mutate(
            { suggestionId: suggestion.id, explanation: explanation.trim() },
            { onSuccess: onAnswered, onError: problem.show },
          );
        }}
      >
        <Form.Item
          name="explanation"
          label={t("suggestions.explanation")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { min: 5, message: t("validation.min", { min: 5 }) },
          ]}
        >
          <Input.TextArea autoFocus rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
