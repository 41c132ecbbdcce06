import { PrinterOutlined } from "@ant-design/icons";
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Typography,
} from "antd";
import type dayjs from "dayjs";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { DownloadButton } from "@/components/ui/download-button";
import {
  downloadResidenceLetters,
  useRequestFeedbackBatch,
  type FeedbackBatch,
} from "@/features/cycles/api/feedback";
import { deliveries, deliveryText, feedbackSourceText } from "@/features/cycles/components/labels";
import { ProviderPicker } from "@/features/cycles/components/provider-picker";
import { useCyclesT } from "@/features/cycles/messages";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Branch = { id: number; name: string };

type Props = {
  cycleId: number;
  /** The branches the caller may ask about; the first is chosen unless `branchId` is given. */
  branches: Branch[];
  branchId?: number;
  /** Instead of a branch, every member of this workplace cluster's branches (the workplace). */
  cluster?: { id: number; name: string };
  onClose: () => void;
};

type Values = {
  organization_id?: number;
  source: "workplace" | "residence";
  provider_user_id?: number | null;
  cluster?: string;
  led_by?: string;
  delivery?: string | null;
  return_envelope?: boolean;
  sent_on?: dayjs.Dayjs | null;
  due_on?: dayjs.Dayjs | null;
};

const day = (value: dayjs.Dayjs | null | undefined) => (value ? toApiDay(value) : null);
const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/**
 * Feedback asked for every member of a branch in one step (issue #17, plan II.2.2): the source,
 * the provider picked by name, the dates; those already asked are skipped and named; the
 * residence letters of the batch print together.
 */
export function FeedbackBatchModal({ cycleId, branches, branchId, cluster, onClose }: Props) {
  const t = useT();
  const ct = useCyclesT();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch("source", form);
  const delivery = Form.useWatch("delivery", form);
  const byPost = source === "residence" && delivery === "post";
  const request = useRequestFeedbackBatch(cycleId);
  const problem = useFormProblem(form);
  const [done, setDone] = useState<{ values: Values; batch: FeedbackBatch } | null>(null);

  const submit = (values: Values) => {
    problem.setMessage(null);
    request.mutate(
      {
        ...(cluster ? { cluster_id: cluster.id } : { organization_id: values.organization_id }),
        source: values.source,
        provider_user_id: values.provider_user_id ?? null,
        cluster: values.source === "workplace" && !cluster ? text(values.cluster) : null,
        led_by: values.source === "workplace" ? text(values.led_by) : null,
        delivery: values.source === "residence" ? (values.delivery ?? null) : null,
        return_envelope: byPost && Boolean(values.return_envelope),
        sent_on: day(values.sent_on),
        due_on: day(values.due_on),
      },
      { onSuccess: (batch) => setDone({ values, batch }), onError: problem.show },
    );
  };

  if (done) {
    const { values, batch } = done;
    const letters =
      values.source === "residence" && batch.created.length > 0 && values.organization_id;
    return (
      <Modal
        open
        title={ct("feedback.batch.title")}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t("common.close")}
          </Button>
        }
      >
        <Result
          status="success"
          title={ct("feedback.batch.sent", {
            count: batch.created.length,
            source: feedbackSourceText(t, values.source),
          })}
          subTitle={
            batch.skipped.length > 0
              ? ct("feedback.batch.skipped", {
                  count: batch.skipped.length,
                  names: batch.skipped.map((member) => member.member_name).join(", "),
                })
              : undefined
          }
          extra={
            letters ? (
              <DownloadButton
                icon={<PrinterOutlined />}
                label={ct("feedback.batch.letters")}
                download={() =>
                  downloadResidenceLetters(
                    cycleId,
                    letters,
                    values.delivery === "post" || values.delivery === "hand"
                      ? values.delivery
                      : undefined,
                  )
                }
              />
            ) : undefined
          }
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={
        cluster ? ct("feedback.batch.clusterTitle", { name: cluster.name }) : ct("feedback.batch.title")
      }
      okText={cluster ? ct("feedback.batch.sendCluster") : ct("feedback.batch.send")}
      cancelText={t("common.cancel")}
      confirmLoading={request.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{ct("feedback.batch.intro")}</Typography.Paragraph>
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={request.isPending}
        initialValues={{
          organization_id: branchId ?? branches[0]?.id,
          source: "workplace",
          sent_on: todayInVietnam(),
        }}
      >
        {!cluster && (
          <Form.Item
            name="organization_id"
            label={ct("feedback.batch.branch")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <Select options={branches.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        )}
        {/* A cluster is the workplace's mass organisations: its source is fixed. */}
        <Form.Item
          name="source"
          label={t("feedback.source")}
          rules={[{ required: true, message: t("validation.required") }]}
          hidden={Boolean(cluster)}
        >
          <Select
            options={(["workplace", "residence"] as const).map((value) => ({
              value,
              label: feedbackSourceText(t, value),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="provider_user_id"
          label={t("feedback.provider")}
          extra={t("feedback.provider.hint")}
        >
          <ProviderPicker cycleId={cycleId} />
        </Form.Item>
        {source === "workplace" && !cluster && (
          <>
            <Form.Item
              name="cluster"
              label={t("feedback.cluster")}
              rules={[{ max: 200, message: t("validation.max", { max: 200 }) }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="led_by"
              label={t("feedback.ledBy")}
              rules={[{ max: 200, message: t("validation.max", { max: 200 }) }]}
            >
              <Input />
            </Form.Item>
          </>
        )}
        {source === "residence" && (
          <>
            <Form.Item name="delivery" label={t("feedback.delivery")}>
              <Select
                allowClear
                options={deliveries.map((value) => ({ value, label: deliveryText(t, value) }))}
              />
            </Form.Item>
            <Form.Item name="return_envelope" valuePropName="checked">
              <Checkbox disabled={!byPost}>{ct("feedback.returnEnvelope.field")}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="sent_on" label={t("feedback.sentOn")}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="due_on" label={t("feedback.dueOn")}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
