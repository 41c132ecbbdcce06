import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Form, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  downloadCollectiveReport,
  useCollectiveAssessment,
  useRefreshCollective,
  useSaveCollective,
  type CollectiveAssessment,
  type CollectiveReratingInfo,
  type SaveCollective,
} from "@/features/points-year/api/collectives";
import { useCycleOf, useRuleSetPoints } from "@/features/points-year/api/points";
import { AppraisalSummary } from "@/features/points-year/components/appraisal-summary";
import { DecidedResultCard } from "@/features/points-year/components/decided-result";
import { DocumentButtons } from "@/features/points-year/components/document-buttons";
import {
  FormLockNote,
  FormStatusLine,
  FrameLine,
  SaveSubmitButtons,
  type ReadOnlyReason,
} from "@/features/points-year/components/form-parts";
import { IndicatedLevel, LevelTag } from "@/features/points-year/components/result-parts";
import { SelfPartFields } from "@/features/points-year/components/self-fields";
import { writesCollective } from "@/features/points-year/collectives";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  selfFieldNames,
  selfFieldOf,
  selfPartOf,
  selfValues,
  type SelfValues,
} from "@/features/points-year/form-values";
import { hasAppraisal, isSubmitted } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import type { Me } from "@/lib/auth/use-session";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type PointsInfo = components["schemas"]["PointsInfo"];

type Props = { me: Me; cycleId: number; orgId: number };

/**
 * A collective's points form of a cycle (Mẫu 01, C1): a branch of the cycle's organisation or
 * the organisation itself. Its own committee fills and submits it; the committees above read
 * it, with the appraisal and the decision once there.
 */
export function CollectiveFormPage({ me, cycleId, orgId }: Props) {
  const t = useT();
  const pt = usePointsT();
  const cycle = useCycleOf(cycleId);
  const read = useCollectiveAssessment({ cycleId, orgId });
  const points = useRuleSetPoints(cycle.data?.rule_set);
  const readOnly: ReadOnlyReason =
    cycle.data?.stage === "closed"
      ? "closed"
      : read.data && !writesCollective(me, read.data)
        ? "readOnly"
        : null;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {pt("collectives.form.title", { name: read.data?.organization_name ?? "" })}
          </Typography.Title>
          {cycle.data && (
            <Typography.Text type="secondary">
              {t("cycles.title")} {cycle.data.year} — {cycle.data.organization_name}
            </Typography.Text>
          )}
        </Flex>
        <Link to={`/cycles/${cycleId}`}>
          <Button icon={<ArrowLeftOutlined />}>{pt("form.back")}</Button>
        </Link>
      </Flex>
      <Typography.Text type="secondary">{pt("collectives.form.hint")}</Typography.Text>
      {cycle.isError && <Alert type="error" showIcon title={errorMessage(cycle.error, t)} />}
      {read.isPending ? (
        <Spin />
      ) : read.isError ? (
        <Alert type="error" showIcon title={errorMessage(read.error, t)} />
      ) : (
        <CollectiveForm
          // A new version (saved, read again, submitted, appraised) starts the form again from
          // the server's.
          key={read.dataUpdatedAt}
          assessment={read.data}
          cycleId={cycleId}
          readOnly={readOnly}
          points={points.data}
        />
      )}
    </Flex>
  );
}

type FormProps = {
  assessment: CollectiveAssessment;
  cycleId: number;
  readOnly: ReadOnlyReason;
  points: PointsInfo | null | undefined;
};

/**
 * The collective's own part on frame F1: the items, the tasks, the shortcomings, the review
 * report and the level proposed; saved as a draft, then submitted once.
 */
function CollectiveForm({ assessment, cycleId, readOnly, points }: FormProps) {
  const t = useT();
  const pt = usePointsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SelfValues>();
  const key = { cycleId, orgId: assessment.organization_id };
  const save = useSaveCollective(key);
  const refresh = useRefreshCollective(key);
  const [problem, setProblem] = useState<string | null>(null);
  const submitted = isSubmitted(assessment.status);
  const locked = submitted || readOnly !== null;
  const frame = assessment.frame;

  const run = (submit: boolean) => {
    setProblem(null);
    clearFieldErrors(form, selfFieldNames(frame));
    const values = form.getFieldsValue(true) as SelfValues;
    const body: SaveCollective = { ...selfPartOf(frame, values), submit };
    return save
      .mutateAsync(body)
      .then(() => void message.success(pt(submit ? "submitted" : "saved")))
      .catch((error: unknown) => {
        // Submitted meanwhile (by a committee above, from paper): read it again, locked.
        if (error instanceof ApiError && error.code === "already_submitted") void refresh();
        setProblem(showPointsProblem(form, error, t, selfFieldOf(frame, false)));
      });
  };

  return (
    <Flex vertical gap={16} data-testid="collective-form">
      <FormStatusLine
        status={assessment.status}
        submittedAt={assessment.submitted_at}
        submittedBy={assessment.submitted_by}
        download={
          <DocumentButtons
            label={pt("collectives.download")}
            pdfLabel={pt("collectives.pdf")}
            download={(format) => downloadCollectiveReport(key, format)}
          />
        }
      />
      {assessment.decision && (
        <DecidedResultCard
          decision={{ ...assessment.decision, rerated: assessment.reratings.length > 0 }}
          cycleId={cycleId}
          facts={points?.facts}
        />
      )}
      {assessment.reratings.length > 0 && <ReratingHistory reratings={assessment.reratings} />}
      <FormLockNote submitted={submitted} readOnly={readOnly} />
      <FormError message={problem} />
      <Form<SelfValues>
        form={form}
        layout="vertical"
        disabled={locked || save.isPending}
        initialValues={selfValues(assessment)}
      >
        <FrameLine frame={frame} />
        <SelfPartFields
          frame={frame}
          appraisedPoints={assessment.appraised_points}
          narrativeLabel={pt("collectives.narrative")}
          narrativeMax={50000}
        />
      </Form>
      <IndicatedLevel assessment={assessment} facts={points?.facts} />
      {hasAppraisal(assessment) && (
        <AppraisalSummary assessment={assessment} facts={points?.facts} />
      )}
      {!locked && (
        <SaveSubmitButtons
          saving={save.isPending ? save.variables.submit === true : null}
          save={run}
          confirmTitle={pt("collectives.submit.confirm", { name: assessment.organization_name })}
        />
      )}
    </Flex>
  );
}

/**
 * The decisions a re-rating replaced (Mẫu 03), oldest first: the level before and the one it
 * was re-rated to, the grounds, who and when.
 */
function ReratingHistory({ reratings }: { reratings: CollectiveReratingInfo[] }) {
  const pt = usePointsT();
  return (
    <Card size="small" title={pt("collectives.reratings.title")} data-testid="collective-reratings">
      <Flex vertical gap={12}>
        {reratings.map((rerating, at) => (
          <Flex key={at} vertical gap={4} data-testid="collective-rerating">
            <Flex gap={4} align="center" wrap>
              <LevelTag level={rerating.previous_level} status="classified" />
              <span aria-hidden>→</span>
              <LevelTag level={rerating.level} status="classified" />
              <Tag color="orange">{pt("rerated")}</Tag>
            </Flex>
            <Typography.Text>
              {pt("collectives.reratings.grounds", { reason: rerating.reason })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {pt("collectives.reratings.by", {
                by: rerating.rerated_by,
                date: formatDate(rerating.rerated_at),
              })}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
