import {
  Alert,
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Spin,
  Typography,
} from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  useAppraisePoints,
  usePointAssessment,
  useRefreshPointAssessment,
  type PointAssessment,
} from "@/features/points-year/api/points";
import { PointsItems } from "@/features/points-year/components/points-items";
import { IndicatedLevel } from "@/features/points-year/components/result-parts";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  appraisalFieldNames,
  appraisalFieldOf,
  proposedLevels,
  tenthsOf,
  typedPoints,
  type TypedPoints,
} from "@/features/points-year/form-values";
import { factText, mayAppraise } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { factsFor, pointsText } from "@/lib/classification/points";
import { classificationLevelText } from "@/lib/domain/labels";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type PointsInfo = components["schemas"]["PointsInfo"];

type Values = {
  appraised_points: TypedPoints;
  facts: string[];
  mitigated: string[];
  appraised_level: string | null;
  note: string;
};

type Props = {
  cycleId: number;
  memberId: number;
  name: string;
  points: PointsInfo | null | undefined;
  onClose: () => void;
};

/** The competent level appraises a member's form of the year (S10 step 3; S6 facts). */
export function AppraiseDrawer({ cycleId, memberId, name, points, onClose }: Props) {
  const t = useT();
  const pt = usePointsT();
  const assessment = usePointAssessment({ cycleId, memberId, period: 0 });
  return (
    <Drawer open size={760} title={pt("drawer.title", { name })} onClose={onClose} destroyOnHidden>
      {assessment.isPending ? (
        <Spin />
      ) : assessment.isError ? (
        <Alert type="error" showIcon title={errorMessage(assessment.error, t)} />
      ) : mayAppraise(assessment.data.status) ? (
        <AppraisalForm
          assessment={assessment.data}
          points={points}
          cycleId={cycleId}
          onDone={onClose}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={pt(
            assessment.data.status === "decided" ? "drawer.decided" : "drawer.notSubmitted",
          )}
        />
      )}
    </Drawer>
  );
}

type FormProps = {
  assessment: PointAssessment;
  points: PointsInfo | null | undefined;
  cycleId: number;
  onDone: () => void;
};

function AppraisalForm({ assessment, points, cycleId, onDone }: FormProps) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = { cycleId, memberId: assessment.member_id, period: assessment.period };
  const appraise = useAppraisePoints(key);
  const refresh = useRefreshPointAssessment(key);
  const [problem, setProblem] = useState<string | null>(null);
  const frame = assessment.frame;
  // Only the facts of the rule set that apply to the form's frame (S6).
  const facts = factsFor(points, frame.frame);
  const chosen = Form.useWatch<string[] | undefined>("facts", form) ?? assessment.facts;

  const initialValues: Values = {
    // The appraising body starts from its last appraisal, else from the member's own points.
    appraised_points: typedPoints(assessment.appraised_points ?? assessment.self_points),
    facts: assessment.facts,
    mitigated: assessment.mitigated,
    appraised_level: assessment.appraised_level ?? null,
    note: assessment.appraisal_note ?? "",
  };

  const submit = (values: Values) => {
    setProblem(null);
    clearFieldErrors(form, appraisalFieldNames(frame));
    const note = values.note?.trim() ?? "";
    appraise.mutate(
      {
        appraised_points: tenthsOf(frame, values.appraised_points),
        facts: values.facts ?? [],
        mitigated: (values.mitigated ?? []).filter((fact) => values.facts?.includes(fact)),
        appraised_level: values.appraised_level ?? null,
        note: note === "" ? null : note,
      },
      {
        onSuccess: () => {
          void message.success(pt("drawer.saved"));
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === "not_submitted") void refresh();
          setProblem(showPointsProblem(form, error, t, appraisalFieldOf(frame)));
        },
      },
    );
  };

  return (
    <Flex vertical gap={16} data-testid="appraise-form">
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
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={appraise.isPending}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // A fact no longer found cannot stay mitigated.
          if (changed.facts) {
            const mitigated = form.getFieldValue("mitigated") as string[] | undefined;
            form.setFieldValue(
              "mitigated",
              (mitigated ?? []).filter((fact) => changed.facts?.includes(fact)),
            );
          }
        }}
      >
        <PointsItems
          frame={frame}
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
        <Form.Item
          name="mitigated"
          label={pt("drawer.mitigated")}
          extra={pt("drawer.mitigatedHint")}
        >
          <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 4 }}>
            {chosen.map((code) => (
              <Checkbox key={code} value={code}>
                {factText(pt, code, facts)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="appraised_level" label={pt("drawer.level")}>
          <Select
            allowClear
            style={{ maxWidth: 360 }}
            options={proposedLevels.map((level) => ({
              value: level,
              label: classificationLevelText(t, level),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={pt("drawer.note")}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={appraise.isPending}>
          {pt("drawer.save")}
        </Button>
      </Form>
      <IndicatedLevel assessment={assessment} facts={points?.facts} />
    </Flex>
  );
}
