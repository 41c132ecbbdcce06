import { Alert, App, DatePicker, Form, Modal, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { ApiError } from "@/api/problem";
import {
  useApproveReport,
  type PartyReport,
  type ReportKey,
} from "@/features/party-reports/api/party-reports";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = { dated_on: Dayjs | null };

/**
 * Approves the draft on the day asked (today by default): its text and figures can no longer be
 * edited and the register gives it the next number. A date the API refuses shows under the
 * field (422 on `dated_on`).
 */
export function ApprovalModal({
  reportKey,
  report,
  symbol,
  onClose,
}: {
  reportKey: ReportKey;
  report: PartyReport;
  symbol: string;
  onClose: () => void;
}) {
  const t = useT();
  const pt = usePartyReportsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const approve = useApproveReport();
  const problem = useFormProblem(form);

  const submit = ({ dated_on }: Values) => {
    if (dated_on === null) return;
    problem.setMessage(null);
    approve.mutate(
      { ...reportKey, version: report.version, dated_on: toApiDay(dated_on) },
      {
        onSuccess: (approved) => {
          void message.success(pt("partyReports.approved", { number: approved.number ?? "" }));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            problem.setMessage(pt("partyReports.stale"));
          } else if (error instanceof ApiError && error.status === 409) {
            problem.setMessage(pt("partyReports.alreadyApproved"));
          } else {
            problem.show(error);
          }
        },
      },
    );
  };

  return (
    <Modal
      open
      title={pt("partyReports.approval.title", { title: report.title })}
      okText={pt("partyReports.approve")}
      cancelText={pt("partyReports.approval.cancel")}
      okButtonProps={{ loading: approve.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert
        type="warning"
        showIcon
        title={pt("partyReports.approval.confirm", { symbol })}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph type="secondary">
        {pt("partyReports.approval.version", { version: report.version })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ dated_on: todayInVietnam() }}
      >
        <Form.Item
          name="dated_on"
          label={pt("partyReports.approval.date")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </Form>
      {problem.message && <Alert type="error" showIcon role="alert" title={problem.message} />}
    </Modal>
  );
}
