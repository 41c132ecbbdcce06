import { PrinterOutlined } from "@ant-design/icons";
import { Button, Form, Modal, Result, Select, Typography } from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { DownloadButton } from "@/components/ui/download-button";
import {
  downloadResidenceLetters,
  useRequestFeedbackBatch,
  type FeedbackBatch,
} from "@/features/cycles/api/feedback";
import {
  requestBody,
  type RequestFieldValues,
} from "@/features/cycles/components/feedback-request-body";
import { RequestFields } from "@/features/cycles/components/feedback-request-fields";
import { feedbackSourceText } from "@/features/cycles/components/labels";
import { useCyclesT } from "@/features/cycles/messages";
import { todayInVietnam } from "@/lib/format";
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

type Values = RequestFieldValues & { organization_id?: number };

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
  const request = useRequestFeedbackBatch(cycleId);
  const problem = useFormProblem(form);
  const [done, setDone] = useState<{ values: Values; batch: FeedbackBatch } | null>(null);

  const submit = (values: Values) => {
    problem.setMessage(null);
    request.mutate(
      {
        ...(cluster ? { cluster_id: cluster.id } : { organization_id: values.organization_id }),
        ...requestBody(values, !cluster),
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
        <RequestFields
          cycleId={cycleId}
          source={source}
          delivery={delivery}
          clusterFields={!cluster}
        />
      </Form>
    </Modal>
  );
}
