import { Alert, DatePicker, Form, Modal, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { useMember, type VersionedMember } from "@/features/members/api/get-member";
import { useUpdateMember } from "@/features/members/api/update-member";
import { StaleRecordAlert } from "@/features/members/components/stale-record-alert";
import { dateFormat, isFuture } from "@/features/members/utils/dates";
import { leftReasonText } from "@/lib/domain/labels";
import { leftReasons } from "@/lib/domain/members";
import { toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = { left_on: Dayjs; left_reason: string };

type Props = {
  current: VersionedMember;
  /** Why the member could not be deleted (the server's words). */
  reason: string;
  onClose: () => void;
  onDone: () => void;
};

/** Takes a member off the active list, with the date and the reason: what replaces deleting. */
export function DeactivateModal({ current, reason, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const member = useMember(current.member.id);
  const update = useUpdateMember(current.member.id);
  const problem = useFormProblem(form);
  const [stale, setStale] = useState(false);
  // The version shown on the page is the one this change names.
  const [etag, setEtag] = useState(current.etag);

  const submit = (values: Values) => {
    problem.setMessage(null);
    setStale(false);
    update.mutate(
      {
        etag,
        body: {
          active: false,
          left_on: toApiDay(values.left_on),
          left_reason: values.left_reason,
        },
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) setStale(true);
          else problem.show(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t("member.deactivate.title", { name: current.member.full_name })}
      okText={t("member.deactivate")}
      cancelText={t("common.cancel")}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={reason} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t("member.deactivate.hint")}</Typography.Paragraph>
      {stale && (
        <StaleRecordAlert
          onReload={async () => {
            const fresh = (await member.refetch()).data;
            if (fresh !== undefined) setEtag(fresh.etag);
            setStale(false);
          }}
        />
      )}
      <FormError message={problem.message} />
      <Form form={form} name="deactivate" layout="vertical" onFinish={submit}>
        <Form.Item
          name="left_on"
          label={t("member.leftOn")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format={dateFormat} disabledDate={isFuture} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="left_reason"
          label={t("member.leftReason")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            options={leftReasons.map((value) => ({ value, label: leftReasonText(t, value) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
