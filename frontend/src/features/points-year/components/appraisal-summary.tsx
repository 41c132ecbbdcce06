import { Descriptions, Flex, Typography } from "antd";
import type { components } from "@/api/schema";
import type { PointAssessment } from "@/features/points-year/api/points";
import { factText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { pointsText } from "@/lib/classification/points";
import { classificationLevelText } from "@/lib/domain/labels";
import { formatDateTime } from "@/lib/format";
import { useLocale, useT } from "@/lib/i18n/use-t";

type FactInfo = components["schemas"]["FactInfo"];

type Appraised = Pick<
  PointAssessment,
  | "frame"
  | "appraised_total"
  | "facts"
  | "mitigated"
  | "appraisal_note"
  | "appraised_by"
  | "appraised_at"
> &
  // A member's appraisal proposes a level (S10 step 3); a collective's does not (absent).
  Partial<Pick<PointAssessment, "appraised_level">>;

/**
 * The appraising body's result, read-only: total, facts, mitigated, the level proposed (a
 * member's), note, who and when.
 */
export function AppraisalSummary({
  assessment,
  facts = [],
}: {
  assessment: Appraised;
  facts?: readonly FactInfo[];
}) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const list = (codes: string[]) =>
    codes.length === 0 ? (
      pt("appraisal.none")
    ) : (
      <Flex vertical gap={2}>
        {codes.map((code) => (
          <span key={code}>{factText(pt, code, facts)}</span>
        ))}
      </Flex>
    );
  return (
    <Flex vertical gap={8} data-testid="appraisal-summary">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {pt("appraisal.title")}
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: "total",
            label: pt("appraisal.total"),
            children:
              assessment.appraised_total == null
                ? ""
                : pt("sum.total", {
                    sum: pointsText(assessment.appraised_total, locale),
                    max: pointsText(
                      assessment.frame.groups.reduce((sum, group) => sum + group.max, 0),
                      locale,
                    ),
                  }),
          },
          { key: "facts", label: pt("appraisal.facts"), children: list(assessment.facts) },
          {
            key: "mitigated",
            label: pt("appraisal.mitigated"),
            children: list(assessment.mitigated),
          },
          ...(assessment.appraised_level === undefined
            ? []
            : [
                {
                  key: "level",
                  label: pt("appraisal.level"),
                  children: assessment.appraised_level
                    ? classificationLevelText(t, assessment.appraised_level)
                    : "",
                },
              ]),
          { key: "note", label: pt("appraisal.note"), children: assessment.appraisal_note ?? "" },
          {
            key: "by",
            label: pt("appraisal.by"),
            children: [
              assessment.appraised_by,
              assessment.appraised_at ? formatDateTime(assessment.appraised_at) : null,
            ]
              .filter(Boolean)
              .join(" — "),
          },
        ]}
      />
    </Flex>
  );
}
