import { Alert, Button, Flex, Space, Spin, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  downloadCollectiveReport,
  useCollectivesBoard,
  useOrganization,
  type CollectiveLevelCounts,
  type CollectiveRow,
} from "@/features/points-year/api/collectives";
import { useRuleSetPoints, type Cycle } from "@/features/points-year/api/points";
import {
  CollectiveAppraiseDrawer,
} from "@/features/points-year/components/collective-appraise-drawer";
import {
  CollectiveRerateDrawer,
} from "@/features/points-year/components/collective-rerate-drawer";
import { CollectivesDecision } from "@/features/points-year/components/collectives-decision";
import { DocumentButtons } from "@/features/points-year/components/document-buttons";
import { QuotaGroupMeters } from "@/features/points-year/components/quota-group-meters";
import { LevelTag, ReasonTags } from "@/features/points-year/components/result-parts";
import {
  collectiveIdOf,
  decidesBranches,
  decidesOrganization,
  decidesRow,
  isOrganizationRow,
  levelCountsOf,
} from "@/features/points-year/collectives";
import { tiesChosenExcellent, type ChoiceDrafts } from "@/features/points-year/decision";
import {
  assessmentStatusColor,
  assessmentStatusText,
  mayAppraise,
} from "@/features/points-year/labels";
import { usePointsT, type PointsMessageKey } from "@/features/points-year/messages";
import type { Me } from "@/lib/auth/use-session";
import { pointsText } from "@/lib/classification/points";
import { orgKindText } from "@/lib/domain/labels";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** "Đảng viên (18): Xuất sắc 2 · Tốt 15 · Chưa xếp loại 1 · đã quyết định 18/18" */
function CountsLine({
  label,
  counts,
  testId,
}: {
  label: PointsMessageKey;
  counts: CollectiveLevelCounts;
  testId: string;
}) {
  const pt = usePointsT();
  const parts = levelCountsOf(counts).map(({ level, n }) =>
    pt(`collectives.count.${level}` as PointsMessageKey, { n }),
  );
  if (counts.decided > 0) {
    parts.push(pt("collectives.count.decided", { decided: counts.decided, total: counts.total }));
  }
  return (
    <Typography.Text data-testid={testId}>
      <Typography.Text strong>{pt(label, { total: counts.total })}</Typography.Text>{" "}
      {parts.length > 0 ? parts.join(" · ") : pt("collectives.count.none")}
    </Typography.Text>
  );
}

/**
 * The collectives of a points cycle (C1–C4) for the committees: each branch and the
 * organisation itself (last, C4) with its form, points, the level the engine gives and why, and
 * its members' levels beside it (the organisation's branches' too, guidance 3); the branches'
 * quota (C3) and the organisation's among its peers; each submitted form to appraise; the
 * decisions on the branches (the organisation's committee) and on the organisation (the
 * committee above), then a re-rating of a decided one (Mẫu 03); Mẫu 01 per row.
 */
export function CollectivesTab({ me, cycle }: { me: Me; cycle: Cycle }) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const [outstanding, setOutstanding] = useState(false);
  const board = useCollectivesBoard(cycle.id, outstanding);
  // Its own committee decides the branches; only the committee directly above the base.
  const ownCommittee = decidesBranches(me, cycle);
  const organization = useOrganization(cycle.organization_id, !ownCommittee);
  const parentId = organization.data?.parent_id;
  const points = useRuleSetPoints(cycle.rule_set);
  const [appraising, setAppraising] = useState<CollectiveRow | null>(null);
  const [rerating, setRerating] = useState<CollectiveRow | null>(null);
  // The choices typed for each decision, here for the quota meters to count them live.
  const [branchDrafts, setBranchDrafts] = useState<ChoiceDrafts>({});
  const [organizationDrafts, setOrganizationDrafts] = useState<ChoiceDrafts>({});

  if (board.isPending) return <Spin />;
  if (board.isError) return <Alert type="error" showIcon title={errorMessage(board.error, t)} />;
  const rows = board.data.rows;
  const facts = points.data?.facts;
  const percent = outstanding
    ? points.data?.quota_outstanding_percent
    : points.data?.quota_percent;
  const hasBranches = rows.some((row) => !isOrganizationRow(row, cycle));
  // C3: the organisation itself is counted among its peers under the committee above.
  const peersGroup = rows.find((row) => isOrganizationRow(row, cycle))?.group ?? null;
  const quotaCaption = (group: string) =>
    group === peersGroup
      ? pt("collectives.quota.peers")
      : rows.some((row) => row.group === group)
        ? pt("collectives.quota.branches")
        : undefined;
  // Each decision's choices are by organisation: the branches' and the organisation's apart.
  const drafts = { ...branchDrafts, ...organizationDrafts };
  const source = (from: string | null | undefined) =>
    from === "self" || from === "appraised" ? pt(`source.${from}`) : "";
  const decision = {
    cycle,
    board: board.data,
    outstanding,
    percent,
    busy: board.isFetching,
    facts,
  };

  return (
    <Flex vertical gap={16} data-testid="collectives">
      <Typography.Text type="secondary">{pt("collectives.hint")}</Typography.Text>
      <Space>
        <Switch
          aria-label={pt("board.outstanding", {
            percent: points.data?.quota_outstanding_percent ?? 25,
          })}
          checked={outstanding}
          loading={board.isFetching}
          onChange={setOutstanding}
        />
        <Typography.Text>
          {pt("board.outstanding", { percent: points.data?.quota_outstanding_percent ?? 25 })}
        </Typography.Text>
      </Space>
      <Table<CollectiveRow>
        data-testid="collectives-board"
        size="small"
        rowKey="organization_id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          {
            title: pt("collectives.name"),
            key: "name",
            fixed: "left",
            render: (_, row) => (
              <Flex vertical gap={2} align="start">
                <Typography.Text strong>{row.name}</Typography.Text>
                {isOrganizationRow(row, cycle) && <Tag>{orgKindText(t, row.kind)}</Tag>}
              </Flex>
            ),
          },
          {
            title: pt("board.assessment"),
            key: "assessment",
            render: (_, row) => (
              <Tag color={assessmentStatusColor(row.assessment)}>
                {assessmentStatusText(pt, row.assessment)}
              </Tag>
            ),
          },
          {
            title: pt("board.total"),
            key: "total",
            align: "right",
            render: (_, row) => (row.points_from ? pointsText(row.total, locale) : ""),
          },
          { title: pt("board.source"), key: "source", render: (_, row) => source(row.points_from) },
          {
            title: pt("board.level"),
            key: "level",
            render: (_, row) => (
              <Flex vertical gap={4} align="start">
                <Flex gap={4} wrap>
                  <LevelTag level={row.level} status={row.status} />
                  {row.decided && <Tag color="success">{pt("status.decided")}</Tag>}
                </Flex>
                <ReasonTags reasons={row.reasons} status={row.status} facts={facts} />
                {row.decision_reason && (
                  <Typography.Text type="secondary">
                    {pt("board.decisionReason", { reason: row.decision_reason })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: pt("collectives.levels"),
            key: "levels",
            render: (_, row) => (
              <Flex vertical gap={4}>
                <CountsLine
                  label="collectives.membersOf"
                  counts={row.members}
                  testId="member-levels"
                />
                {row.branches && (
                  <CountsLine
                    label="collectives.branchesOf"
                    counts={row.branches}
                    testId="branch-levels"
                  />
                )}
              </Flex>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) => (
              <Space size={4} wrap>
                {/* The committee that decides a collective appraises it, then re-rates it. */}
                {decidesRow(me, cycle, parentId, row) &&
                  (row.decided ? (
                    <Button size="small" onClick={() => setRerating(row)}>
                      {pt("board.rerate")}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      disabled={!mayAppraise(row.assessment)}
                      onClick={() => setAppraising(row)}
                    >
                      {pt("board.appraise")}
                    </Button>
                  ))}
                <Link to={`/cycles/${cycle.id}/collectives/${row.organization_id}`}>
                  {pt("collectives.openForm")}
                </Link>
                {row.assessment !== "not_started" && (
                  <DocumentButtons
                    type="link"
                    size="small"
                    label={pt("collectives.report")}
                    pdfLabel={pt("collectives.reportPdf", { name: row.name })}
                    download={(format) =>
                      downloadCollectiveReport(
                        { cycleId: cycle.id, orgId: row.organization_id },
                        format,
                      )
                    }
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      {board.data.quotas.length > 0 && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {pt("collectives.quota.title")}
          </Typography.Title>
          <QuotaGroupMeters
            quotas={board.data.quotas}
            percent={percent}
            chosen={(group) => tiesChosenExcellent(rows, collectiveIdOf, drafts, group)}
            rule="C3"
            caption={quotaCaption}
          />
        </>
      )}
      {hasBranches && ownCommittee && (
        <CollectivesDecision
          {...decision}
          scope="branches"
          drafts={branchDrafts}
          onDraftsChange={setBranchDrafts}
        />
      )}
      {decidesOrganization(me, parentId) && (
        <CollectivesDecision
          {...decision}
          scope="organization"
          drafts={organizationDrafts}
          onDraftsChange={setOrganizationDrafts}
        />
      )}
      {rerating && (
        <CollectiveRerateDrawer
          cycleId={cycle.id}
          orgId={rerating.organization_id}
          name={rerating.name}
          points={points.data}
          onClose={() => setRerating(null)}
        />
      )}
      {appraising && (
        <CollectiveAppraiseDrawer
          cycleId={cycle.id}
          orgId={appraising.organization_id}
          name={appraising.name}
          points={points.data}
          onClose={() => setAppraising(null)}
        />
      )}
    </Flex>
  );
}
