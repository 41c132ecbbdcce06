import { Alert, App, Button, Checkbox, Flex, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useAssignedFeedback, type FeedbackRequest } from "@/features/cycles/api/feedback";
import { FeedbackAnswerModal } from "@/features/cycles/components/feedback-answer-modal";
import {
  FeedbackDue,
  FeedbackStatus,
  LetterButton,
} from "@/features/cycles/components/feedback-parts";
import { feedbackSourceText } from "@/features/cycles/components/labels";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** The feedback provider's inbox: the requests assigned to the signed-in user, in every cycle. */
export function FeedbackInboxPage() {
  const t = useT();
  const { message } = App.useApp();
  const [onlyOpen, setOnlyOpen] = useState(false);
  const requests = useAssignedFeedback(onlyOpen);
  const [answering, setAnswering] = useState<FeedbackRequest | null>(null);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t("feedback.intro")}</Typography.Paragraph>
      <Checkbox checked={onlyOpen} onChange={(event) => setOnlyOpen(event.target.checked)}>
        {t("feedback.onlyOpen")}
      </Checkbox>
      {requests.isError && (
        <Alert type="error" showIcon title={errorMessage(requests.error, t)} />
      )}
      <Table<FeedbackRequest>
        data-testid="feedback-inbox"
        scroll={{ x: "max-content" }}
        rowKey="id"
        size="small"
        loading={requests.isPending}
        dataSource={requests.data ?? []}
        pagination={false}
        locale={{ emptyText: t("feedback.empty") }}
        columns={[
          { title: t("feedback.member"), dataIndex: "member_name" },
          {
            title: t("feedback.source"),
            key: "source",
            render: (_, request) => feedbackSourceText(t, request.source),
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
                <Button size="small" type="primary" onClick={() => setAnswering(request)}>
                  {t("feedback.answer")}
                </Button>
                <LetterButton request={request} />
              </Space>
            ),
          },
        ]}
      />
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
