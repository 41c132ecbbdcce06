import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Segmented, Spin, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import {
  periods,
  useCycleOf,
  usePointAssessment,
  useRuleSetPoints,
} from "@/features/points-year/api/points";
import { type ReadOnlyReason } from "@/features/points-year/components/form-parts";
import { PointsForm } from "@/features/points-year/components/points-form";
import { branchVoteOf, periodOf, periodText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { canUse, editsMembers, hasRole } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = { me: Me; cycleId: number; memberId: number };

/**
 * A member's points form in a cycle, for the year or a quarter (`?period=1`…`4`): the member
 * fills their own; the branch committee enters a paper one; the others above only read it.
 */
export function PointsFormPage({ me, cycleId, memberId }: Props) {
  const t = useT();
  const pt = usePointsT();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params.get("period"));
  const cycle = useCycleOf(cycleId);
  const read = usePointAssessment({ cycleId, memberId, period });
  const points = useRuleSetPoints(cycle.data?.rule_set);
  // The API decides who writes: a member their own, a branch's committees its members.
  const readOnly: ReadOnlyReason =
    cycle.data?.stage === "closed"
      ? "closed"
      : hasRole(me, "member") || editsMembers(me)
        ? null
        : "readOnly";
  const back = canUse(me, "cycles") ? `/cycles/${cycleId}` : "/my-review";

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {pt("form.title", { name: read.data?.assessment.member_name ?? "" })}
          </Typography.Title>
          {cycle.data && (
            <Typography.Text type="secondary">
              {t("cycles.title")} {cycle.data.year} — {cycle.data.organization_name}
            </Typography.Text>
          )}
        </Flex>
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />}>{pt("form.back")}</Button>
        </Link>
      </Flex>
      <Segmented<number>
        aria-label={pt("form.period")}
        value={period}
        onChange={(next) => setParams(next === 0 ? {} : { period: String(next) })}
        options={periods.map((value) => ({ value, label: periodText(pt, value) }))}
      />
      {cycle.isError && <Alert type="error" showIcon title={errorMessage(cycle.error, t)} />}
      {read.isPending ? (
        <Spin />
      ) : read.isError ? (
        <Alert type="error" showIcon title={errorMessage(read.error, t)} />
      ) : (
        <PointsForm
          // A new version (saved, read again, submitted, appraised) starts the form again from
          // the server's.
          key={`${period}-${read.data.assessment.status}-${read.data.etag}`}
          assessment={read.data.assessment}
          etag={read.data.etag}
          cycleId={cycleId}
          memberId={memberId}
          period={period}
          readOnly={readOnly}
          points={points.data}
          // The branch's committees (and those above) record the branch meeting (S10 step 2).
          reviewer={editsMembers(me)}
          branchVote={branchVoteOf(cycle.data, points.data)}
        />
      )}
    </Flex>
  );
}
