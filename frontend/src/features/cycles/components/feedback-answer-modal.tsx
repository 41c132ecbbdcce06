import { DatePicker, Form, Input, Modal, Select } from "antd";
import type dayjs from "dayjs";
import { FormError } from "@/components/ui/form-error";
import { useAnswerFeedback, type FeedbackRequest } from "@/features/cycles/api/feedback";
import { proposedLevelOptions } from "@/features/cycles/components/labels";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = { content: string; proposed_level?: string | null; returned_on?: dayjs.Dayjs | null };
type Props = { request: FeedbackRequest; onClose: () => void; onAnswered: () => void };

/**
 * The answer to a feedback request: the provider's own, or a paper form the branch committee
 * records. A closed phase (409) and invalid fields (422) show on the form.
 */
export function FeedbackAnswerModal({ request, onClose, onAnswered }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const answer = useAnswerFeedback(request);
  const problem = useFormProblem(form);

  const submit = (values: Values) => {
    problem.setMessage(null);
    answer.mutate(
      {
        content: values.content,
        proposed_level: values.proposed_level ?? null,
        returned_on: values.returned_on ? toApiDay(values.returned_on) : null,
      },
      { onSuccess: onAnswered, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={t("feedback.answer.title", { name: request.member_name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={answer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={answer.isPending}
        initialValues={{
          content: request.content ?? "",
          proposed_level: request.proposed_level ?? undefined,
          returned_on: todayInVietnam(),
        }}
      >
        <Form.Item
          name="content"
          label={t("feedback.content")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input.TextArea autoFocus rows={5} />
        </Form.Item>
        <Form.Item name="proposed_level" label={t("feedback.proposedLevel")}>
          <Select allowClear options={proposedLevelOptions(t)} />
        </Form.Item>
        <Form.Item name="returned_on" label={t("feedback.returnedOn")}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
