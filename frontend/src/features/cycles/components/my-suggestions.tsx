import { Alert, App, Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import { useSuggestions, type Suggestion } from "@/features/cycles/api/suggestions";
import { SuggestionAnswerModal } from "@/features/cycles/components/suggestion-answer-modal";
import {
  SuggestionAnswer,
  SuggestionStatus,
} from "@/features/cycles/components/suggestion-parts";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";
import { errorMessage } from "@/lib/problems";

type Props = { cycleId: number; memberId: number };

/**
 * The review suggestions addressed to the member, each answered with an explanation (M2). The
 * API names no member to narrow to: the cycle's list is read whole (a member sees only their
 * own; a committee member more), and a list longer than one page is said to be cut.
 */
export function MySuggestions({ cycleId, memberId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const suggestions = useSuggestions(cycleId, { per_page: WHOLE_LIST_PER_PAGE });
  const [answering, setAnswering] = useState<Suggestion | null>(null);

  if (suggestions.isError) {
    return <Alert type="error" showIcon title={errorMessage(suggestions.error, t)} />;
  }
  const mine = (suggestions.data?.items ?? []).filter((s) => s.member_id === memberId);
  if (mine.length === 0) return <TruncatedAlert pages={[suggestions.data]} />;
  return (
    <Card size="small" title={t("suggestions.mine")} data-testid="my-suggestions">
      <Flex vertical gap={16}>
        <TruncatedAlert pages={[suggestions.data]} />
        {mine.map((suggestion) => (
          <Flex key={suggestion.id} vertical gap={4}>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              {suggestion.content}
            </Typography.Paragraph>
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">
                {t("suggestions.dueOn")}: {formatDay(suggestion.due_on)} · {suggestion.issued_by}
              </Typography.Text>
              <SuggestionStatus suggestion={suggestion} />
            </Flex>
            <SuggestionAnswer suggestion={suggestion} />
            {suggestion.status === "open" && (
              <div>
                <Button size="small" type="primary" onClick={() => setAnswering(suggestion)}>
                  {t("suggestions.answer")}
                </Button>
              </div>
            )}
          </Flex>
        ))}
      </Flex>
      {answering && (
        <SuggestionAnswerModal
          suggestion={answering}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            void message.success(t("suggestions.answered"));
            setAnswering(null);
          }}
        />
      )}
    </Card>
  );
}
