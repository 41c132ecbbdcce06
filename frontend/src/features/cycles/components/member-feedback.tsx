import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import {
  useCycleFeedback,
  useRequestFeedback,
  type FeedbackRequest,
} from "@/features/cycles/api/feedback";
import type { BranchMember } from "@/features/cycles/api/self-reviews";
import { FeedbackAnswerModal } from "@/features/cycles/components/feedback-answer-modal";
import {
  FeedbackDue,
  FeedbackStatus,
  LetterButton,
} from "@/features/cycles/components/feedback-parts";
import {
  deliveryText,
  feedbackSources,
  feedbackSourceText,
  ratingLevelText,
} from "@/features/cycles/components/labels";
import {
  requestBody,
  type RequestFieldValues,
} from "@/features/cycles/components/feedback-request-body";
import { RequestFields } from "@/features/cycles/components/feedback-request-fields";
import { formatDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = { cycleId: number; member: BranchMember };

/**
 * The feedback requested on one member (M2, P2): request it, record the paper answers. The
 * requests are read narrowed to the member's branch, whole (the API names no member).
 */
export function MemberFeedback({ cycleId, member }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const requests = useCycleFeedback(cycleId, {
    organization_id: member.branch_id,
    per_page: WHOLE_LIST_PER_PAGE,
  });
  const [requesting, setRequesting] = useState(false);
  const [answering, setAnswering] = useState<FeedbackRequest | null>(null);
  const own = (requests.data?.items ?? []).filter((request) => request.member_id === member.id);

  return (
    <Flex vertical gap={12}>
      {requests.isError && (
        <Alert type="error" showIcon title={errorMessage(requests.error, t)} />
      )}
      <TruncatedAlert pages={[requests.data]} />
      <div>
        <Button icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
          {t("feedback.request")}
        </Button>
      </div>
      <Table<FeedbackRequest>
        data-testid="member-feedback"
        rowKey="id"
        size="small"
        loading={requests.isPending}
        dataSource={own}
        pagination={false}
        locale={{ emptyText: t("feedback.empty") }}
        expandable={{
          rowExpandable: (request) => Boolean(request.content),
          expandedRowRender: (request) => <Answer request={request} />,
        }}
        columns={[
          {
            title: t("feedback.source"),
            key: "source",
            render: (_, request) => (
              <>
                {feedbackSourceText(t, request.source)}
                {request.cluster && (
                  <Typography.Text type="secondary"> — {request.cluster}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t("feedback.sentOn"),
            key: "sent",
            render: (_, request) =>
              [formatDay(request.sent_on), request.delivery && deliveryText(t, request.delivery)]
                .filter(Boolean)
                .join(" · "),
          },
          {
            title: t("feedback.dueOn"),
            key: "due",
            render: (_, request) => <FeedbackDue request={request} />,
          },
          {
            title: t("feedback.status"),
            key: "status",
            render: (_, request) => <FeedbackStatus request={request} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, request) => (
              <Space wrap>
                <Button size="small" onClick={() => setAnswering(request)}>
                  {t("feedback.record")}
                </Button>
                <LetterButton request={request} />
              </Space>
            ),
          },
        ]}
      />
      {requesting && (
        <RequestModal cycleId={cycleId} member={member} onClose={() => setRequesting(false)} />
      )}
      {answering && (
        <FeedbackAnswerModal
          request={answering}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            void message.success(t("feedback.answered"));
            setAnswering(null);
          }}
        />
      )}
    </Flex>
  );
}

/** What came back: the providers' words, their proposed level, who answered. */
function Answer({ request }: { request: FeedbackRequest }) {
  const t = useT();
  return (
    <Flex vertical gap={4}>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
        {request.content}
      </Typography.Paragraph>
      {request.proposed_level && (
        <Typography.Text>
          {t("feedback.proposedLevel")}: {ratingLevelText(t, request.proposed_level)}
        </Typography.Text>
      )}
      {request.answered_by && (
        <Typography.Text type="secondary">
          {t("feedback.answeredBy")}: {request.answered_by}
        </Typography.Text>
      )}
    </Flex>
  );
}

type Values = RequestFieldValues;

function RequestModal({
  cycleId,
  member,
  onClose,
}: {
  cycleId: number;
  member: BranchMember;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch("source", form);
  const delivery = Form.useWatch("delivery", form);
  const request = useRequestFeedback(cycleId);
  const problem = useFormProblem(form);

  const submit = (values: Values) => {
    problem.setMessage(null);
    request.mutate(
      { member_id: member.id, ...requestBody(values) },
      {
        onSuccess: () => {
          void message.success(t("feedback.requested"));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={t("feedback.request.title", { name: member.full_name })}
      okText={t("feedback.request")}
      cancelText={t("common.cancel")}
      confirmLoading={request.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={request.isPending}
        initialValues={{ source: "workplace", sent_on: todayInVietnam() }}
      >
        <Form.Item
          name="source"
          label={t("feedback.source")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            options={feedbackSources.map((value) => ({
              value,
              label: feedbackSourceText(t, value),
            }))}
          />
        </Form.Item>
        <RequestFields cycleId={cycleId} source={source} delivery={delivery} />
      </Form>
    </Modal>
  );
}
