import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Spin } from "antd";
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
import { AppraisalInputs, SelfSummary } from "@/features/points-year/components/appraisal-inputs";
import { IndicatedLevel } from "@/features/points-year/components/result-parts";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  appraisalFieldNames,
  appraisalFieldOf,
  appraisalOf,
  appraisalStart,
  keepMitigatedFound,
  proposedLevels,
  type AppraisalValues,
} from "@/features/points-year/form-values";
import { mayAppraise } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { classificationLevelText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type PointsInfo = components["schemas"]["PointsInfo"];

type Values = AppraisalValues & { appraised_level: string | null; note: string };

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
  const read = usePointAssessment({ cycleId, memberId, period: 0 });
  return (
    <Drawer open size={760} title={pt("drawer.title", { name })} onClose={onClose} destroyOnHidden>
      {read.isPending ? (
        <Spin />
      ) : read.isError ? (
        <Alert type="error" showIcon title={errorMessage(read.error, t)} />
      ) : mayAppraise(read.data.assessment.status) ? (
        <AppraisalForm
          assessment={read.data.assessment}
          points={points}
          cycleId={cycleId}
          onDone={onClose}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={pt(
            read.data.assessment.status === "decided" ? "drawer.decided" : "drawer.notSubmitted",
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
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = { cycleId, memberId: assessment.member_id, period: assessment.period };
  const appraise = useAppraisePoints(key);
  const refresh = useRefreshPointAssessment(key);
  const [problem, setProblem] = useState<string | null>(null);
  const frame = assessment.frame;

  const initialValues: Values = {
    ...appraisalStart(assessment),
    appraised_level: assessment.appraised_level ?? null,
    note: assessment.appraisal_note ?? "",
  };

  const submit = (values: Values) => {
    setProblem(null);
    clearFieldErrors(form, appraisalFieldNames(frame));
    const note = values.note?.trim() ?? "";
    appraise.mutate(
      {
        ...appraisalOf(assessment, values),
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
      <SelfSummary assessment={assessment} />
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={appraise.isPending}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => keepMitigatedFound(form, changed)}
      >
        <AppraisalInputs assessment={assessment} points={points} />
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
