import { ArrowRightOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Flex, Spin, Tabs, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import {
  useAdvanceCycle,
  useCycle,
  useProgress,
  type Cycle,
  type OrgProgress,
} from "@/features/cycles/api/cycles";
import { AppraisalTab } from "@/features/cycles/components/appraisal-tab";
import { BranchBoard } from "@/features/cycles/components/branch-board";
import { BranchOpinions } from "@/features/cycles/components/branch-opinions";
import { FeedbackClusters } from "@/features/cycles/components/feedback-clusters";
import { KeyCadreMeetings } from "@/features/cycles/components/key-cadre-meetings";
import { PlanTasks } from "@/features/cycles/components/plan-tasks";
import { nextStage, stageText } from "@/features/cycles/components/labels";
import { PlanTimeline } from "@/features/cycles/components/plan-timeline";
import { ProgressBoard } from "@/features/cycles/components/progress-board";
import { ReviewMeetings } from "@/features/cycles/components/review-meetings";
import { useCyclesT } from "@/features/cycles/messages";
import { VotingTab } from "@/features/cycles/components/voting-tab";
import {
  branchCommitteeOrgIds,
  committeeOrgIds,
  handlesReviews,
  isAdmin,
  runsCycles,
} from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** A points cycle's own tabs (RULES-2025.md), given by the app: they replace the ballot's. */
export type PointsTabs = {
  items: { key: string; label: ReactNode; children: ReactNode }[];
  /** The rule set also asks the branch to vote: the voting tab stays. */
  branchVote: boolean;
};

type Props = {
  me: Me;
  cycleId: number;
  /** The tabs of a points cycle, null for a ballot cycle (`branches`: null while loading). */
  pointsTabs?: (cycle: Cycle, branches: OrgProgress[] | null) => PointsTabs | null;
};

/** A cycle: its stage, its plan, the progress board and the branch committee's board. */
export function CyclePage({ me, cycleId, pointsTabs }: Props) {
  const t = useT();
  const ct = useCyclesT();
  const { modal, message } = App.useApp();
  const cycle = useCycle(cycleId);
  const progress = useProgress(cycleId);
  const advance = useAdvanceCycle(cycleId);

  if (cycle.isPending) return <Spin />;
  if (cycle.isError) return <Alert type="error" showIcon title={errorMessage(cycle.error, t)} />;
  const data = cycle.data;
  const next = nextStage(data.stage);
  const canRun = runsCycles(me);
  // The committee of the cycle's own organisation (or an admin): it writes the plan's records.
  const ownCommittee =
    canRun && (isAdmin(me) || committeeOrgIds(me).includes(data.organization_id));
  // A branch committee handles its own branches; committees and admins any branch of the cycle.
  const ownBranches = branchCommitteeOrgIds(me);
  const branches = (progress.data?.branches ?? []).filter(
    (branch) =>
      isAdmin(me) || runsCycles(me) || ownBranches.includes(branch.organization_id),
  );

  const points = pointsTabs?.(data, progress.isPending ? null : branches) ?? null;

  const confirmAdvance = (to: string) => {
    void modal.confirm({
      title: t("cycles.advance.confirm", { stage: stageText(t, to) }),
      okText: t("common.yes"),
      cancelText: t("common.cancel"),
      onOk: () =>
        advance
          .mutateAsync(to)
          .then(() => void message.success(t("cycles.advanced")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2}>
        {t("cycles.title")} {data.year} — {data.organization_name}
      </Typography.Title>
      <Flex align="center" gap={16} wrap>
        <Descriptions
          size="small"
          column={2}
          items={[
            {
              key: "stage",
              label: t("cycles.stage"),
              children: <Tag color="blue" data-testid="cycle-stage">{stageText(t, data.stage)}</Tag>,
            },
            {
              key: "reference",
              label: t("cycles.referenceDate"),
              children: formatDay(data.reference_date),
            },
          ]}
        />
        {canRun && next && (
          <Button
            icon={<ArrowRightOutlined />}
            loading={advance.isPending}
            onClick={() => confirmAdvance(next)}
          >
            {t("cycles.advance", { stage: stageText(t, next) })}
          </Button>
        )}
      </Flex>
      <Tabs
        items={[
          {
            key: "progress",
            label: t("cycles.progress"),
            children: <ProgressBoard cycleId={cycleId} phases={data.phases} />,
          },
          {
            key: "plan",
            label: t("cycles.plan"),
            // Plan III: the plan's tasks, assigned to the standing committee's members, under
            // its timetable (for those who run the cycle; one tab fewer on a crowded bar).
            children: (
              <Flex vertical gap={24}>
                <PlanTimeline cycle={data} canRun={canRun} />
                {canRun && (
                  <Flex vertical gap={8}>
                    <Typography.Title level={4}>{t("planTasks.tab")}</Typography.Title>
                    <PlanTasks cycle={data} />
                  </Flex>
                )}
                {/* C.4: the review meetings, with the superior's representatives invited;
                    the cycle's own committee schedules them, those above read. */}
                {canRun && (
                  <Flex vertical gap={8}>
                    <Typography.Title level={4}>{ct("reviewMeetings.title")}</Typography.Title>
                    <ReviewMeetings
                      cycle={data}
                      writes={ownCommittee}
                    />
                  </Flex>
                )}
                {/* II.2.3: the branches' opinions on the base's self-review (a branch committee
                    writes its own, the base's committee reads them all; nothing on a 403). */}
                <BranchOpinions me={me} cycle={data} />
                {/* II.2.2.1: the clusters where the masses give their opinions on the branches;
                    the cycle's own committee sets them up, a branch committee records its own
                    branches' opinions (nothing on a 403). */}
                <FeedbackClusters me={me} cycle={data} writes={ownCommittee} />
              </Flex>
            ),
          },
          // O6: the key-cadre meetings belong to those who run the cycle, as its plan does.
          ...(canRun
            ? [
                {
                  key: "key-cadre",
                  label: t("keyCadre.tab"),
                  children: <KeyCadreMeetings cycle={data} />,
                },
              ]
            : []),
          ...(handlesReviews(me)
            ? [
                {
                  key: "branch",
                  label: t("cycles.branchTab"),
                  children: progress.isPending ? (
                    <Spin />
                  ) : (
                    <BranchBoard cycleId={cycleId} branches={branches} />
                  ),
                },
                // Under a points rule set the branch does not vote, unless the rule set asks it.
                ...(points === null || points.branchVote
                  ? [
                      {
                        key: "voting",
                        label: t("voting.tab"),
                        children: <VotingTab me={me} cycle={data} />,
                      },
                    ]
                  : []),
              ]
            : []),
          // The base committee approves or returns the branches' proposals (a ballot cycle).
          ...(canRun && points === null
            ? [
                {
                  key: "appraisal",
                  label: t("appraisal.tab"),
                  children: <AppraisalTab cycleId={cycleId} />,
                },
              ]
            : []),
          ...(points?.items ?? []),
        ]}
      />
    </Flex>
  );
}
