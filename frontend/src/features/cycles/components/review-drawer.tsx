import { CheckOutlined, RollbackOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { useOpinion, type OpinionRecord } from "@/features/cycles/api/feedback";
import {
  useAcceptSelfReview,
  useReturnSelfReview,
  useSaveOpinion,
  useSelfReview,
  type BranchMember,
  type Opinion,
} from "@/features/cycles/api/self-reviews";
import { MemberFeedback } from "@/features/cycles/components/member-feedback";
import {
  proposedLevelOptions,
  ratingLevelText,
  reviewStatusColor,
  reviewStatusText,
} from "@/features/cycles/components/labels";
import { sections } from "@/features/cycles/components/sections";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = { cycleId: number; member: BranchMember; onClose: () => void };

/** A member's self-review as the branch committee reads it: return, accept, and its opinion. */
export function ReviewDrawer({ cycleId, member, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const key = { cycleId, memberId: member.id };
  const review = useSelfReview(key);
  const accept = useAcceptSelfReview(key);
  const [returning, setReturning] = useState(false);
  const data = review.data?.review;

  const reviewTab = (
    <>
      {review.isPending && <Spin />}
      {review.isError && <Alert type="error" showIcon title={errorMessage(review.error, t)} />}
      {data && (
        <Flex vertical gap={16}>
          <Space>
            <Tag data-testid="drawer-status" color={reviewStatusColor(data.status)}>
              {reviewStatusText(t, data.status)}
            </Tag>
            {data.on_behalf && <Tag>{t("review.onBehalf")}</Tag>}
          </Space>
          {data.status === "returned" && data.return_comment && (
            <Alert type="warning" showIcon title={data.return_comment} />
          )}
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              ...sections.map((section) => ({
                key: section,
                label: t(`review.section.${section}`),
                children: (
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                    {data.content[section] || t("review.empty")}
                  </Typography.Paragraph>
                ),
              })),
              {
                key: "level",
                label: t("review.level"),
                children: data.content.self_assessed_level
                  ? ratingLevelText(t, data.content.self_assessed_level)
                  : t("review.empty"),
              },
            ]}
          />
          {data.status === "submitted" && (
            <Space>
              <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
                {t("review.return")}
              </Button>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={accept.isPending}
                onClick={() =>
                  accept.mutate(undefined, {
                    onSuccess: () => void message.success(t("review.accepted")),
                    onError: (error) => void message.error(errorMessage(error, t)),
                  })
                }
              >
                {t("review.accept")}
              </Button>
            </Space>
          )}
        </Flex>
      )}
    </>
  );

  return (
    <Drawer open title={member.full_name} size="large" onClose={onClose} destroyOnHidden>
      <Tabs
        items={[
          { key: "review", label: t("branch.status"), children: reviewTab },
          {
            key: "feedback",
            label: t("feedback.title"),
            children: (
              <Flex vertical gap={24}>
                <MemberFeedback cycleId={cycleId} member={member} />
                <OpinionEditor cycleId={cycleId} memberId={member.id} />
              </Flex>
            ),
          },
        ]}
      />
      {returning && (
        <ReturnModal cycleId={cycleId} memberId={member.id} onClose={() => setReturning(false)} />
      )}
    </Drawer>
  );
}

function ReturnModal({
  cycleId,
  memberId,
  onClose,
}: {
  cycleId: number;
  memberId: number;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const giveBack = useReturnSelfReview({ cycleId, memberId });
  const problem = useFormProblem(form);
  return (
    <Modal
      open
      title={t("review.return.title")}
      okText={t("review.return")}
      cancelText={t("common.cancel")}
      confirmLoading={giveBack.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ comment }) =>
          giveBack.mutate(comment, {
            onSuccess: () => {
              void message.success(t("review.returned"));
              onClose();
            },
            onError: problem.show,
          })
        }
      >
        <Form.Item
          name="comment"
          label={t("review.return.comment")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { min: 5, message: t("phase.reason.min") },
          ]}
        >
          <Input.TextArea autoFocus rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The branch committee's consolidated opinion of the member, loaded before it is edited. */
function OpinionEditor({ cycleId, memberId }: { cycleId: number; memberId: number }) {
  const t = useT();
  const saved = useOpinion({ cycleId, memberId });
  return (
    <div>
      <Typography.Title level={5}>{t("opinion.title")}</Typography.Title>
      {saved.isPending && <Spin />}
      {saved.isError && <Alert type="error" showIcon title={errorMessage(saved.error, t)} />}
      {saved.isSuccess && <OpinionForm cycleId={cycleId} memberId={memberId} saved={saved.data} />}
    </div>
  );
}

type OpinionProps = { cycleId: number; memberId: number; saved: OpinionRecord | null };

function OpinionForm({ cycleId, memberId, saved }: OpinionProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Opinion>();
  const save = useSaveOpinion({ cycleId, memberId });
  const problem = useFormProblem(form);
  return (
    <>
      {saved && (
        <Typography.Paragraph type="secondary" data-testid="opinion-written-by">
          {t("opinion.writtenBy", {
            name: saved.written_by,
            time: formatDateTime(saved.updated_at),
          })}
        </Typography.Paragraph>
      )}
      <FormError message={problem.message} />
      <Form<Opinion>
        form={form}
        layout="vertical"
        initialValues={{
          content: saved?.content ?? "",
          proposed_level: saved?.proposed_level ?? undefined,
        }}
        onFinish={(values) => {
          problem.setMessage(null);
          save.mutate(
            { content: values.content, proposed_level: values.proposed_level ?? null },
            {
              onSuccess: () => void message.success(t("opinion.saved")),
              onError: problem.show,
            },
          );
        }}
      >
        <Form.Item
          name="content"
          label={t("opinion.content")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="proposed_level" label={t("opinion.level")}>
          <Select allowClear style={{ maxWidth: 360 }} options={proposedLevelOptions(t)} />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>
    </>
  );
}
