import {
  Alert,
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Spin,
  Typography,
} from "antd";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  periods,
  useAppraisePoints,
  usePointAssessments,
  useRefreshPointAssessment,
  type PointAssessment,
} from "@/features/points-year/api/points";
import { AppraisalInputs, SelfSummary } from "@/features/points-year/components/appraisal-inputs";
import { BranchReviewCard } from "@/features/points-year/components/branch-review";
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
import { assessmentStatusText, isSubmitted, mayAppraise } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { classificationLevelText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type PointsInfo = components["schemas"]["PointsInfo"];

/** What an appraisal reads of a form: a member's, or a collective's (which proposes no level). */
export type Appraisable = Pick<
  PointAssessment,
  | "status"
  | "frame"
  | "self_points"
  | "self_general"
  | "self_tasks"
  | "proposed_level"
  | "appraised_points"
  | "facts"
  | "mitigated"
  | "appraisal_note"
  | "indicated_level"
  | "indicated_reasons"
> &
  Partial<Pick<PointAssessment, "appraised_level">>;

/** What an appraisal sends: a member's also proposes a level (S10 step 3). */
export type AppraisalBody = ReturnType<typeof appraisalOf> & {
  appraised_level?: string | null;
  note: string | null;
};

type Values = AppraisalValues & { appraised_level: string | null; note: string };

type ShellProps = {
  title: string;
  /** The form as read: pending, failed, or read (its status). */
  read: { isPending: boolean; error: unknown; status: string | undefined };
  /** Why a form not submitted cannot be appraised yet (a member's words by default). */
  notSubmitted?: string;
  /** Shown above the form whatever its state (e.g. the choice of the period). */
  before?: ReactNode;
  onClose: () => void;
  /** The appraisal's inputs, while the form may be appraised. */
  children: ReactNode;
};

/** A drawer to appraise a form: the inputs once read, while submitted and not decided. */
export function AppraisalDrawer(props: ShellProps) {
  const { title, read, notSubmitted, before, onClose, children } = props;
  const t = useT();
  const pt = usePointsT();
  let body;
  if (read.isPending) body = <Spin />;
  else if (read.error) body = <Alert type="error" showIcon title={errorMessage(read.error, t)} />;
  else if (read.status !== undefined && mayAppraise(read.status)) body = children;
  else {
    const why =
      read.status === "decided"
        ? pt("drawer.decided")
        : (notSubmitted ?? pt("drawer.notSubmitted"));
    body = <Alert type="info" showIcon title={why} />;
  }
  return (
    <Drawer open size={760} title={title} onClose={onClose} destroyOnHidden>
      <Flex vertical gap={16}>
        {before}
        {body}
      </Flex>
    </Drawer>
  );
}

type FormProps = {
  assessment: Appraisable;
  points: PointsInfo | null | undefined;
  /** A member's appraisal proposes a level (S10 step 3); a collective's does not. */
  withLevel: boolean;
  appraise: (body: AppraisalBody) => Promise<unknown>;
  appraising: boolean;
  /** The form turned out no longer submitted (decided meanwhile): read it again. */
  onNotSubmitted: () => void;
  onDone: () => void;
};

/**
 * The appraising body's points, facts found and note on a submitted form (S10 step 3, S6; C2
 * for a collective), with the level the form's points give beside them.
 */
export function AppraisalForm(props: FormProps) {
  const { assessment, points, withLevel, appraise, appraising, onNotSubmitted, onDone } = props;
  const t = useT();
  const pt = usePointsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
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
    appraise({
      ...appraisalOf(assessment, values),
      ...(withLevel && { appraised_level: values.appraised_level ?? null }),
      note: note === "" ? null : note,
    })
      .then(() => {
        void message.success(pt("drawer.saved"));
        onDone();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === "not_submitted") onNotSubmitted();
        setProblem(showPointsProblem(form, error, t, appraisalFieldOf(frame)));
      });
  };

  return (
    <Flex vertical gap={16} data-testid="appraise-form">
      <SelfSummary assessment={assessment} />
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={appraising}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => keepMitigatedFound(form, changed)}
      >
        <AppraisalInputs assessment={assessment} points={points} />
        {withLevel && (
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
        )}
        <Form.Item name="note" label={pt("drawer.note")}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={appraising}>
          {pt("drawer.save")}
        </Button>
      </Form>
      <IndicatedLevel assessment={assessment} facts={points?.facts} />
    </Flex>
  );
}

type Props = {
  cycleId: number;
  memberId: number;
  name: string;
  points: PointsInfo | null | undefined;
  onClose: () => void;
};

/**
 * The competent level appraises a member's form of the year or of a quarter (S10 step 3; S6
 * facts; S9 Mẫu 05): the periods with each form's status, a quarter not submitted disabled.
 */
export function AppraiseDrawer({ cycleId, memberId, name, points, onClose }: Props) {
  const pt = usePointsT();
  const [period, setPeriod] = useState(0);
  const forms = usePointAssessments(cycleId, memberId);
  const key = { cycleId, memberId, period };
  const read = forms[period];
  const appraise = useAppraisePoints(key);
  const refresh = useRefreshPointAssessment(key);
  const assessment = read.data?.assessment;
  const statusOf = (at: number) => forms[at].data?.assessment.status;
  const choice = (
    <Segmented<number>
      aria-label={pt("form.period")}
      data-testid="appraise-period"
      value={period}
      onChange={setPeriod}
      options={periods.map((value) => {
        const status = statusOf(value);
        return {
          value,
          // The year is always shown (its status said below); a quarter only once submitted.
          disabled: value !== 0 && status !== undefined && !isSubmitted(status),
          label: (
            <Flex vertical align="center" data-testid={`appraise-period-${value}`}>
              <span>{value === 0 ? pt("drawer.year") : pt("drawer.quarter", { n: value })}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {status === undefined ? "…" : assessmentStatusText(pt, status)}
              </Typography.Text>
            </Flex>
          ),
        };
      })}
    />
  );
  return (
    <AppraisalDrawer
      title={pt("drawer.title", { name })}
      read={{ isPending: read.isPending, error: read.error, status: assessment?.status }}
      notSubmitted={period === 0 ? undefined : pt("drawer.quarterNotSubmitted")}
      before={choice}
      onClose={onClose}
    >
      {assessment && (
        <Flex vertical gap={16}>
          {/* S10 step 2: the branch meeting's opinions (and vote), read beside the appraisal. */}
          {assessment.branch_review && (
            <BranchReviewCard
              review={assessment.branch_review}
              asksVote={points?.branch_vote === true && period === 0}
            />
          )}
          <AppraisalForm
            // Another period's form starts the inputs again from its own.
            key={period}
            assessment={assessment}
            points={points}
            withLevel
            appraise={appraise.mutateAsync}
            appraising={appraise.isPending}
            onNotSubmitted={() => void refresh()}
            onDone={onClose}
          />
        </Flex>
      )}
    </AppraisalDrawer>
  );
}
