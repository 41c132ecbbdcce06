import { Card, Flex, Space, Tag, Typography } from "antd";
import type { components } from "@/api/schema";
import { downloadRerating, type DecidedResult } from "@/features/points-year/api/points";
import { DocumentButtons } from "@/features/points-year/components/document-buttons";
import { LevelTag, ReasonTags } from "@/features/points-year/components/result-parts";
import { usePointsT } from "@/features/points-year/messages";
import { formatDate } from "@/lib/format";

type FactInfo = components["schemas"]["FactInfo"];

/** The decision to re-rate a member (Mẫu 03), to download (DOCX) or print (PDF). */
export function ReratingDownload({ cycleId, memberId }: { cycleId: number; memberId: number }) {
  const pt = usePointsT();
  return (
    <DocumentButtons
      type="link"
      size="small"
      label={pt("rerate.download")}
      pdfLabel={pt("rerate.pdf")}
      download={(format) => downloadRerating(cycleId, memberId, format)}
    />
  );
}

type Props = {
  /** A member's result, or a collective's (always a level; re-rated when it has re-ratings). */
  decision: Pick<DecidedResult, "level" | "reasons" | "reason" | "decided_by" | "decided_at"> &
    Partial<Pick<DecidedResult, "status" | "rerated">>;
  cycleId: number;
  /** The member decided (for Mẫu 03 of a re-rating); none for a collective. */
  memberId?: number;
  /** The card's heading (the member's result, or the one a re-rating replaces). */
  title?: string;
  facts?: readonly FactInfo[];
};

/**
 * The result the competent level recorded for a member (S10) or a collective (C2): the level,
 * its grounds with their rule ids, the reason given, whether it re-rated an earlier result
 * (Mẫu 03, to download), and the day of the decision.
 */
export function DecidedResultCard({ decision, cycleId, memberId, title, facts }: Props) {
  const pt = usePointsT();
  const decidedOn = formatDate(decision.decided_at);
  const status = decision.status ?? "classified";
  return (
    <Card size="small" title={title ?? pt("outcome.title")} data-testid="decided-result">
      <Flex vertical gap={8}>
        <Space wrap>
          <LevelTag level={decision.level} status={status} reasons={decision.reasons} />
          {decision.rerated && <Tag color="orange">{pt("rerated")}</Tag>}
          {decision.rerated && memberId !== undefined && (
            <ReratingDownload cycleId={cycleId} memberId={memberId} />
          )}
        </Space>
        <ReasonTags reasons={decision.reasons} status={status} facts={facts} withIds />
        {decision.reason && (
          <Typography.Text>{pt("outcome.reason", { reason: decision.reason })}</Typography.Text>
        )}
        <Typography.Text type="secondary" data-testid="decided-on">
          {decision.decided_by
            ? pt("outcome.decidedBy", { date: decidedOn, by: decision.decided_by })
            : pt("outcome.decided", { date: decidedOn })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
