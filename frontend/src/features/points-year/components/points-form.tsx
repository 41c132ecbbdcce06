import { ReloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Form, Select, Tag } from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  downloadAssessment,
  useRefreshPointAssessment,
  useSavePointAssessment,
  type PointAssessment,
  type SaveAssessment,
} from "@/features/points-year/api/points";
import { AppraisalSummary } from "@/features/points-year/components/appraisal-summary";
import { BranchReviewSection } from "@/features/points-year/components/branch-review";
import { DecidedResultCard } from "@/features/points-year/components/decided-result";
import { DocumentButtons } from "@/features/points-year/components/document-buttons";
import {
  FormLockNote,
  FormStatusLine,
  FrameLine,
  SaveSubmitButtons,
  type ReadOnlyReason,
} from "@/features/points-year/components/form-parts";
import { IndicatedLevel } from "@/features/points-year/components/result-parts";
import { SelfPartFields } from "@/features/points-year/components/self-fields";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  selfFieldNames,
  selfFieldOf,
  selfPartOf,
  selfValues,
  type SelfValues,
} from "@/features/points-year/form-values";
import {
  frameText,
  hasAppraisal,
  isSubmitted,
  mayAppraise,
} from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { useT } from "@/lib/i18n/use-t";

type PointsInfo = components["schemas"]["PointsInfo"];

type Props = {
  assessment: PointAssessment;
  /** The tag of `assessment` as read (its ETag, "" when unknown), named by a save. */
  etag: string;
  cycleId: number;
  memberId: number;
  period: number;
  readOnly: ReadOnlyReason;
  /** The rule set's points data (the frames to choose from, the facts' labels), if read. */
  points: PointsInfo | null | undefined;
  /** The caller may record the branch meeting on the form (S10 step 2; the API checks it). */
  reviewer?: boolean;
  /** S10: the rule set asks for the branch's vote too (`branch_vote`). */
  branchVote?: boolean;
};

/**
 * A person's own points form (Mẫu 2A, 2B, 2C; Mẫu 05 for a quarter): the items of their frame,
 * the tasks, the shortcomings, their own words and level; saved as a draft, then submitted
 * once (read-only after, with the appraisal when there is one, and the result once decided).
 * A save names the form as read: when somebody else saved it meanwhile, nothing is replaced and
 * the form is to be read again.
 */
export function PointsForm(props: Props) {
  const { assessment, etag, cycleId, memberId, period, readOnly, points } = props;
  const { reviewer = false, branchVote = false } = props;
  const t = useT();
  const pt = usePointsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SelfValues>();
  const key = { cycleId, memberId, period };
  const save = useSavePointAssessment(key);
  const refresh = useRefreshPointAssessment(key);
  const [problem, setProblem] = useState<string | null>(null);
  // Somebody else saved the form since it was read (412): read it again before saving.
  const [stale, setStale] = useState(false);
  const submitted = isSubmitted(assessment.status);
  const locked = submitted || readOnly !== null;
  // S1: F2–F5 for a person (F1 is the collectives').
  const frames = (points?.frames ?? []).filter((frame) => frame.frame !== "F1");
  const pickFrame = !locked && frames.length > 1;
  const chosen = Form.useWatch<string | undefined>("frame", { form, preserve: true });
  const frame = frames.find((f) => f.frame === chosen) ?? assessment.frame;

  const body = (submit: boolean): SaveAssessment => {
    const values = form.getFieldsValue(true) as SelfValues;
    return { frame: frame.frame, ...selfPartOf(frame, values), submit };
  };
  const run = (submit: boolean) => {
    setProblem(null);
    clearFieldErrors(form, selfFieldNames(frame));
    return save
      .mutateAsync({ body: body(submit), etag })
      .then(() => void message.success(pt(submit ? "submitted" : "saved")))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 412) {
          setStale(true);
          return;
        }
        // Submitted meanwhile (the paper form entered by the branch): read it again, locked.
        if (error instanceof ApiError && error.code === "already_submitted") void refresh();
        setProblem(showPointsProblem(form, error, t, selfFieldOf(frame, pickFrame)));
      });
  };

  return (
    <Flex vertical gap={16}>
      <FormStatusLine
        status={assessment.status}
        submittedAt={assessment.submitted_at}
        tags={assessment.on_behalf && <Tag color="orange">{pt("form.onBehalf")}</Tag>}
        download={
          <DocumentButtons
            label={pt("form.download")}
            pdfLabel={pt("form.pdf")}
            download={(format) => downloadAssessment(key, format)}
          />
        }
      />
      {assessment.decision && (
        <DecidedResultCard
          decision={assessment.decision}
          cycleId={cycleId}
          memberId={memberId}
          facts={points?.facts}
        />
      )}
      <FormLockNote submitted={submitted} readOnly={readOnly} />
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="points-stale"
          title={pt("form.stale.title")}
          description={pt("form.stale.description")}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
              {pt("form.stale.reload")}
            </Button>
          }
        />
      )}
      <FormError message={problem} />
      <Form<SelfValues>
        form={form}
        layout="vertical"
        disabled={locked || save.isPending}
        initialValues={selfValues(assessment)}
      >
        {pickFrame ? (
          <Form.Item name="frame" label={pt("form.frame")}>
            <Select
              style={{ maxWidth: 720 }}
              options={frames.map((f) => ({ value: f.frame, label: frameText(pt, f) }))}
            />
          </Form.Item>
        ) : (
          <FrameLine frame={frame} />
        )}
        <SelfPartFields
          frame={frame}
          appraisedPoints={assessment.appraised_points}
          narrativeLabel={pt("narrative")}
          narrativeMax={20000}
        />
      </Form>
      <IndicatedLevel assessment={assessment} facts={points?.facts} />
      <BranchReviewSection
        assessment={assessment}
        cycleId={cycleId}
        canRecord={reviewer && readOnly !== "closed" && mayAppraise(assessment.status)}
        // The vote is the year's (S10), never a quarter's.
        asksVote={branchVote && period === 0}
      />
      {hasAppraisal(assessment) && (
        <AppraisalSummary assessment={assessment} facts={points?.facts} />
      )}
      {!locked && (
        <SaveSubmitButtons
          saving={save.isPending ? save.variables.body.submit === true : null}
          save={run}
          confirmTitle={pt("submit.confirm")}
        />
      )}
    </Flex>
  );
}
