import { Checkbox, Flex, Form, Typography } from "antd";
import type { components } from "@/api/schema";
import type { PointAssessment } from "@/features/points-year/api/points";
import { PointsItems } from "@/features/points-year/components/points-items";
import { factText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { factsFor, pointsText } from "@/lib/classification/points";
import { classificationLevelText } from "@/lib/domain/labels";
import { useLocale, useT } from "@/lib/i18n/use-t";

type PointsInfo = components["schemas"]["PointsInfo"];

/**
 * What the member or the collective gave, above the appraising body's inputs: frame, own
 * total, level proposed.
 */
export function SelfSummary({
  assessment,
}: {
  assessment: Pick<PointAssessment, "frame" | "self_general" | "self_tasks" | "proposed_level">;
}) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const frame = assessment.frame;
  return (
    <Flex vertical gap={4}>
      <Typography.Text>
        {pt("form.frameText", { frame: frame.frame, form: frame.form, who: frame.who })}
      </Typography.Text>
      <Typography.Text>
        {pt("items.self")}:{" "}
        {pt("sum.total", {
          sum: pointsText(assessment.self_general + assessment.self_tasks, locale),
          max: pointsText(frame.groups.reduce((sum, group) => sum + group.max, 0), locale),
        })}
      </Typography.Text>
      {assessment.proposed_level && (
        <Typography.Text>
          {pt("proposed")}: {classificationLevelText(t, assessment.proposed_level)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * The appraising body's inputs on a form (S10 step 3, a re-rating, Mẫu 03; a collective's, C2):
 * the points of each item beside the own ones, the facts found among those of the form's frame
 * (S6 for persons, C2 for collectives), and those found mitigated.
 */
export function AppraisalInputs({
  assessment,
  points,
}: {
  assessment: Pick<PointAssessment, "frame" | "self_points" | "facts">;
  points: PointsInfo | null | undefined;
}) {
  const pt = usePointsT();
  // Only the facts of the rule set that apply to the form's frame (S6).
  const facts = factsFor(points, assessment.frame.frame);
  const chosen =
    Form.useWatch<string[] | undefined>("facts", { preserve: true }) ?? assessment.facts;
  return (
    <>
      <PointsItems
        frame={assessment.frame}
        name="appraised_points"
        inputTitle={pt("items.appraised")}
        inputLabel={(item) => pt("items.appraisedLabel", { label: item.label })}
        compare={[{ title: pt("items.self"), points: assessment.self_points }]}
      />
      {facts.length === 0 ? (
        <Form.Item label={pt("drawer.facts")} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{pt("drawer.noFacts")}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item name="facts" label={pt("drawer.facts")} style={{ marginTop: 16 }}>
          <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 4 }}>
            {facts.map((fact) => (
              <Checkbox key={fact.code} value={fact.code}>
                {fact.label}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.Item name="mitigated" label={pt("drawer.mitigated")} extra={pt("drawer.mitigatedHint")}>
        <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 4 }}>
          {chosen.map((code) => (
            <Checkbox key={code} value={code}>
              {factText(pt, code, facts)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
    </>
  );
}
