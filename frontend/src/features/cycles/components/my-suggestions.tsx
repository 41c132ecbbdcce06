import { Alert, App, Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { useSuggestions, type Suggestion } from "@/features/cycles/api/suggestions";
import { SuggestionAnswerModal } from "@/features/cycles/components/suggestion-answer-modal";
import {
  SuggestionAnswer,
  SuggestionStatus,
} from "@/features/cycles/components/suggestion-parts";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = { cycleId: number; memberId: number };

/** The review suggestions addressed to the member, each answered with an explanation (M2). */
export function MySuggestions({ cycleId, memberId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const suggestions = useSuggestions(cycleId);
  const [answering, setAnswering] = useState<Suggestion | null>(null);

  if (suggestions.isError) {
    return <Alert type="error" showIcon title={errorMessage(suggestions.error, t)} />;
  }
  const mine = (suggestions.data ?? []).filter((s) => s.member_id === memberId);
  if (mine.length === 0) return null;
  return (
    <Card size="small" title={t("suggestions.mine")} data-testid="my-suggestions">
      <Flex vertical gap={16}>
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
