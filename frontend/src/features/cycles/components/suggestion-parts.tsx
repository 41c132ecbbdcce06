import { Space, Tag, Typography } from "antd";
import type { Suggestion } from "@/features/cycles/api/suggestions";
import { suggestionStatusText } from "@/features/cycles/components/labels";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

/** The status, and the due date marked red when it has passed without an answer. */
export function SuggestionStatus({ suggestion }: { suggestion: Suggestion }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color={suggestion.status === "answered" ? "success" : "processing"}>
        {suggestionStatusText(t, suggestion.status)}
      </Tag>
      {suggestion.overdue && <Tag color="red">{t("suggestions.overdue")}</Tag>}
    </Space>
  );
}

/** The explanation, who gave it and when. */
export function SuggestionAnswer({ suggestion }: { suggestion: Suggestion }) {
  const t = useT();
  if (!suggestion.explanation) return null;
  return (
    <div>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
        {suggestion.explanation}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t("suggestions.answeredBy", {
          name: suggestion.answered_by ?? "",
          time: suggestion.answered_at ? formatDate(suggestion.answered_at) : "",
        })}
      </Typography.Text>
    </div>
  );
}
