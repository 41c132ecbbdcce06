import { Flex, Tag, Tooltip, Typography } from "antd";
import type { components } from "@/api/schema";
import { indicatedStatus, reasonText, resultStatusText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { levelColor } from "@/lib/classification/labels";
import { classificationLevelText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";

type FactInfo = components["schemas"]["FactInfo"];

/**
 * The engine's reasons, each in words, with its rule id (RULES-2025.md) on hover, or before
 * the words (`withIds`).
 */
export function ReasonTags({
  reasons,
  status,
  facts,
  withIds = false,
}: {
  reasons: string[];
  status?: string;
  facts?: readonly FactInfo[];
  withIds?: boolean;
}) {
  const pt = usePointsT();
  return (
    <Flex vertical gap={4} align="start" data-testid="reasons">
      {reasons.map((reason) => (
        <Tooltip key={reason} title={reason}>
          <Tag style={{ whiteSpace: "normal", marginInlineEnd: 0 }} data-reason={reason}>
            {withIds && <strong>{reason}: </strong>}
            {reasonText(pt, reason, status, facts)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

/** A level in words, or why there is none (the result's status, told apart by its reasons). */
export function LevelTag({
  level,
  status,
  reasons,
}: {
  level?: string | null;
  status: string;
  reasons?: readonly string[];
}) {
  const t = useT();
  const pt = usePointsT();
  return level ? (
    <Tag color={levelColor(level)} style={{ whiteSpace: "normal" }}>
      {classificationLevelText(t, level)}
    </Tag>
  ) : (
    <Tag style={{ whiteSpace: "normal" }}>{resultStatusText(pt, status, reasons)}</Tag>
  );
}

type Indicated = {
  indicated_level?: string | null;
  indicated_reasons: string[];
  status: string;
};

/** The level the engine gives a form's points as last saved (before the quota), and why. */
export function IndicatedLevel({
  assessment,
  facts,
}: {
  assessment: Indicated;
  facts?: readonly FactInfo[];
}) {
  const pt = usePointsT();
  const { indicated_level: level, indicated_reasons: reasons } = assessment;
  const status = indicatedStatus(level, reasons, assessment.status);
  return (
    <Flex vertical gap={4} data-testid="indicated-level">
      <Typography.Text strong>{pt("indicated.title")}</Typography.Text>
      {level || reasons.length > 0 ? (
        <>
          <span>
            <LevelTag level={level} status={status} reasons={reasons} />
          </span>
          <ReasonTags reasons={reasons} status={status} facts={facts} />
        </>
      ) : (
        <Typography.Text type="secondary">{pt("indicated.none")}</Typography.Text>
      )}
      <Typography.Text type="secondary">{pt("indicated.hint")}</Typography.Text>
    </Flex>
  );
}
