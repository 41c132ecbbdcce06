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
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage } from "@/lib/problems";

/** The feedback provider's inbox: the requests assigned to the signed-in user, in every cycle. */
export function FeedbackInboxPage() {
  const t = useT();
  const { message } = App.useApp();
  const [query, setQuery] = useState({ open: false, page: 1, per_page: TABLE_PER_PAGE });
  const requests = useAssignedFeedback(query);
  const [answering, setAnswering] = useState<FeedbackRequest | null>(null);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t("feedback.intro")}</Typography.Paragraph>
      <Checkbox
        checked={query.open}
        // Another filter starts again from the first page.
        onChange={(event) =>
          setQuery((current) => ({ ...current, open: event.target.checked, page: 1 }))
        }
      >
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
        loading={requests.isFetching}
        dataSource={requests.data?.items}
        pagination={{
          current: query.page,
          pageSize: query.per_page,
          total: requests.data?.total ?? 0,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setQuery((current) => ({ ...current, page, per_page })),
        }}
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
