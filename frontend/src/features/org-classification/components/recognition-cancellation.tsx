import { Alert, DatePicker, Flex, Form, Input, Modal, Select, Table, Typography } from "antd";
import type dayjs from "dayjs";
import { FormError } from "@/components/ui/form-error";
import {
  useCancelRecognition,
  type Cancellation,
  type OrgAssessment,
  type SheetKey,
} from "@/features/org-classification/api/org-classification";
import { orgLevels, orgLevelText } from "@/features/org-classification/components/labels";
import { useOrgT, type OrgTranslate } from "@/features/org-classification/messages";
import { formatDay, toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

/**
 * The levels a decision may give: those lower than the recognised one, and clean_strong with
 * the exemplary title withdrawn when it was exemplary.
 */
function decidedLevelOptions(t: OrgTranslate, assessment: OrgAssessment) {
  const at = orgLevels.findIndex((level) => level === assessment.level);
  const lower = at < 0 ? [] : orgLevels.slice(at + 1);
  return [
    ...(assessment.exemplary
      ? [{ value: "clean_strong", label: t("cancel.level.withdrawExemplary") }]
      : []),
    ...lower.map((level) => ({ value: level, label: orgLevelText(t, level) })),
  ];
}

type Values = {
  level?: string;
  reason: string;
  decision_number: string;
  decided_on?: dayjs.Dayjs | null;
};
type Props = SheetKey & { assessment: OrgAssessment; onClose: () => void; onDone: () => void };

/**
 * O5: the decision cancelling an undeserved recognition. Invalid fields (422) show under them;
 * a refusal (403) or a conflict (409) above the form.
 */
export function CancelRecognitionModal({ cycleId, orgId, assessment, onClose, onDone }: Props) {
  const t = useT();
  const ot = useOrgT();
  const [form] = Form.useForm<Values>();
  const cancel = useCancelRecognition({ cycleId, orgId });
  const problem = useFormProblem(form);
  const today = todayInVietnam();
  const required = [{ required: true, whitespace: true, message: t("validation.required") }];

  const submit = (values: Values) => {
    problem.setMessage(null);
    cancel.mutate(
      {
        level: values.level ?? "",
        // A decided level never keeps the exemplary title (O1: only clean_strong has it).
        exemplary: false,
        reason: values.reason.trim(),
        decision_number: values.decision_number.trim(),
        decided_on: values.decided_on ? toApiDay(values.decided_on) : "",
      },
      { onSuccess: onDone, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={ot("cancel.title", { name: assessment.name })}
      okText={ot("cancel.submit")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={cancel.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={ot("cancel.warning")} style={{ marginBottom: 16 }} />
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={cancel.isPending}
        initialValues={{ reason: "", decision_number: "", decided_on: today }}
      >
        <Form.Item
          name="level"
          label={ot("cancel.level")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            aria-label={ot("cancel.level")}
            options={decidedLevelOptions(ot, assessment)}
          />
        </Form.Item>
        <Form.Item name="reason" label={ot("cancel.reason")} rules={required}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="decision_number" label={ot("cancel.decisionNumber")} rules={required}>
          <Input placeholder={ot("cancel.decisionNumber.placeholder")} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="decided_on"
          label={ot("cancel.decidedOn")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: "100%" }}
            // From 01/01 of the sheet's year to today (422 out_of_range otherwise).
            disabledDate={(day) => day.year() < assessment.year || day.isAfter(today, "day")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Trong sạch vững mạnh (tiêu biểu)": a level with the exemplary title when it had it. */
function levelWithTitle(t: OrgTranslate, level: string, exemplary: boolean): string {
  const text = orgLevelText(t, level);
  return exemplary ? t("cancellations.exemplary", { level: text }) : text;
}

/** O5: the decisions cancelling the organisation's recognition, oldest first. */
export function CancellationList({ cancellations }: { cancellations: Cancellation[] }) {
  const ot = useOrgT();
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ marginBottom: 0 }}>
        {ot("cancellations.title")}
      </Typography.Title>
      <Table
        data-testid="cancellations-table"
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={cancellations}
        columns={[
          {
            title: ot("cancellations.number"),
            dataIndex: "decision_number",
            key: "decision_number",
          },
          {
            title: ot("cancellations.date"),
            key: "decided_on",
            render: (_, decision) => formatDay(decision.decided_on),
          },
          {
            title: ot("cancellations.change"),
            key: "change",
            render: (_, decision) =>
              ot("cancellations.changeValue", {
                earlier: levelWithTitle(ot, decision.earlier_level, decision.earlier_exemplary),
                level: levelWithTitle(ot, decision.level, decision.exemplary),
              }),
          },
          { title: ot("cancellations.reason"), dataIndex: "reason", key: "reason" },
          { title: ot("cancellations.decidedBy"), dataIndex: "decided_by", key: "decided_by" },
        ]}
      />
    </Flex>
  );
}
