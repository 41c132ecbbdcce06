import { Alert, Empty, Flex, Select, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  useMembersOf,
  usePointAssessment,
  type Member,
} from "@/features/points-year/api/points";
import { CollectiveFormLink } from "@/features/points-year/components/collective-form-link";
import { assessmentStatusColor, assessmentStatusText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { pointsText } from "@/lib/classification/points";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** A branch the caller handles in the cycle. */
export type Branch = { organization_id: number; name: string };

type Props = { cycleId: number; branches: Branch[] | null };

/** A member's form of the year: its status, or its own total (one request for both). */
type CellProps = { cycleId: number; memberId: number; show: "status" | "total" };

function FormCell({ cycleId, memberId, show }: CellProps) {
  const pt = usePointsT();
  const { locale } = useLocale();
  const form = usePointAssessment({ cycleId, memberId, period: 0 });
  if (!form.data) return null;
  const { status, self_general, self_tasks } = form.data.assessment;
  if (show === "total") {
    return status === "not_started" ? null : <>{pointsText(self_general + self_tasks, locale)}</>;
  }
  return (
    <Flex gap={4} wrap>
      <Tag color={assessmentStatusColor(status)}>{assessmentStatusText(pt, status)}</Tag>
      {/* S10 step 2: the branch meeting recorded on the form. */}
      {form.data.assessment.branch_review && <Tag color="cyan">{pt("forms.reviewed")}</Tag>}
    </Flex>
  );
}

/**
 * The branch committee's list of its members' points forms (S10 step 1): each one's status
 * and own total, and the form to open (to enter a paper form on the member's behalf, or to
 * record the branch meeting on it once submitted, S10 step 2); above
 * them, the branch's own form as a collective (Mẫu 01, C1).
 */
export function BranchFormsTab({ cycleId, branches }: Props) {
  const t = useT();
  const pt = usePointsT();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const branchId = picked ?? branches?.[0]?.organization_id;
  const members = useMembersOf(branchId);

  if (branches === null) return <Spin />;
  if (branches.length === 0) return <Empty description={t("branch.noBranch")} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{pt("forms.hint")}</Typography.Text>
      {branches.length > 1 && (
        <Select
          aria-label={t("branch.pick")}
          style={{ minWidth: 300, maxWidth: 400 }}
          value={branchId}
          onChange={setPicked}
          options={branches.map((b) => ({ value: b.organization_id, label: b.name }))}
        />
      )}
      {branchId !== undefined && <CollectiveFormLink cycleId={cycleId} orgId={branchId} />}
      {members.isError && <Alert type="error" showIcon title={errorMessage(members.error, t)} />}
      <Table<Member>
        data-testid="points-forms"
        size="small"
        rowKey="id"
        pagination={false}
        loading={members.isPending}
        dataSource={members.data ?? []}
        columns={[
          { title: pt("forms.member"), dataIndex: "full_name", key: "name" },
          {
            title: pt("forms.status"),
            key: "status",
            render: (_, member) => (
              <FormCell cycleId={cycleId} memberId={member.id} show="status" />
            ),
          },
          {
            title: pt("forms.total"),
            key: "total",
            align: "right",
            render: (_, member) => (
              <FormCell cycleId={cycleId} memberId={member.id} show="total" />
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, member) => (
              <Link to={`/cycles/${cycleId}/points/${member.id}`}>{pt("forms.open")}</Link>
            ),
          },
        ]}
      />
    </Flex>
  );
}
