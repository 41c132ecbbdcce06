import { TeamOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Space, Spin, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  downloadRecords,
  usePointsBoard,
  useRuleSetPoints,
  type BoardRow,
  type Cycle,
} from "@/features/points-year/api/points";
import { AppraiseDrawer } from "@/features/points-year/components/appraise-drawer";
import { ReratingDownload } from "@/features/points-year/components/decided-result";
import { DocumentButtons } from "@/features/points-year/components/document-buttons";
import { OverLimitAlerts } from "@/features/points-year/components/over-limit-alerts";
import { DecisionSection } from "@/features/points-year/components/points-decision";
import { QuotaGroupMeters } from "@/features/points-year/components/quota-group-meters";
import { QuotaGroupsDrawer } from "@/features/points-year/components/quota-groups-drawer";
import { RerateDrawer } from "@/features/points-year/components/rerate-drawer";
import { LevelTag, ReasonTags } from "@/features/points-year/components/result-parts";
import {
  memberIdOf,
  tiesChosenExcellent,
  type ChoiceDrafts,
} from "@/features/points-year/decision";
import {
  assessmentStatusColor,
  assessmentStatusText,
  mayRerate,
  periodText,
} from "@/features/points-year/labels";
import { usePointsT, type PointsMessageKey } from "@/features/points-year/messages";
import { levelColor } from "@/lib/classification/labels";
import { pointsText } from "@/lib/classification/points";
import { classificationLevelText } from "@/lib/domain/labels";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/**
 * The competent level's board of a points cycle (S10 step 4): everyone with the level the
 * engine gives today and why, each group's quota (S7, 25% for an organisation with outstanding
 * results) as a meter and the groups to define, each submitted form to appraise, the decision
 * on the year, then a re-rating of anyone decided (Mẫu 03) and the list of records (Mẫu 04).
 */
export function PointsAppraisalTab({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const [outstanding, setOutstanding] = useState(false);
  const board = usePointsBoard(cycle.id, outstanding);
  const points = useRuleSetPoints(cycle.rule_set);
  const [appraising, setAppraising] = useState<BoardRow | null>(null);
  const [rerating, setRerating] = useState<BoardRow | null>(null);
  const [editingGroups, setEditingGroups] = useState(false);
  // The choices typed for the decision, here for the quota meters to count them live.
  const [drafts, setDrafts] = useState<ChoiceDrafts>({});

  if (board.isPending) return <Spin />;
  if (board.isError) return <Alert type="error" showIcon title={errorMessage(board.error, t)} />;
  const facts = points.data?.facts;
  const percent = outstanding
    ? points.data?.quota_outstanding_percent
    : points.data?.quota_percent;
  const whoOf = (frame: string) => points.data?.frames.find((f) => f.frame === frame);
  // S7: the groups are defined before the decision, while the cycle is open.
  const groupsEditable =
    cycle.stage !== "closed" && !board.data.rows.some((row) => row.decided);
  const source = (from: string | null | undefined) =>
    from === "self" || from === "appraised" ? pt(`source.${from}` as PointsMessageKey) : "";

  return (
    <Flex vertical gap={16} data-testid="points-appraisal">
      <Flex justify="space-between" align="center" gap={16} wrap>
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
        <DocumentButtons
          label={pt("board.records")}
          pdfLabel={pt("board.recordsPdf")}
          download={(format) => downloadRecords(cycle.id, format)}
        />
      </Flex>
      <Table<BoardRow>
        data-testid="points-board"
        size="small"
        rowKey="member_id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={board.data.rows}
        columns={[
          { title: pt("board.name"), dataIndex: "member_name", key: "name", fixed: "left" },
          { title: pt("board.branch"), dataIndex: "branch_name", key: "branch" },
          {
            title: pt("board.frame"),
            key: "frame",
            render: (_, row) => {
              const frame = whoOf(row.frame);
              return (
                <Tooltip title={frame ? `${frame.form}: ${frame.who}` : undefined}>
                  <span>{row.frame}</span>
                </Tooltip>
              );
            },
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
          {
            title: pt("board.source"),
            key: "source",
            render: (_, row) => source(row.points_from),
          },
          { title: pt("board.group"), dataIndex: "group", key: "group" },
          {
            title: pt("board.level"),
            key: "level",
            render: (_, row) => (
              <Flex gap={4} wrap align="center">
                <LevelTag level={row.level} status={row.status} reasons={row.reasons} />
                {row.decided && <Tag color="success">{pt("status.decided")}</Tag>}
                {row.rerated && (
                  <>
                    <Tag color="orange">{pt("rerated")}</Tag>
                    <ReratingDownload cycleId={cycle.id} memberId={row.member_id} />
                  </>
                )}
              </Flex>
            ),
          },
          {
            title: pt("board.reasons"),
            key: "reasons",
            render: (_, row) => (
              <Flex vertical gap={4}>
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
            title: pt("board.quarters"),
            key: "quarters",
            // S9: each quarter's form (Mẫu 05) where it stands, then the levels of those assessed.
            render: (_, row) => (
              <Flex vertical gap={4} align="start">
                {row.quarter_forms.length > 0 && (
                  <Flex gap={4} wrap data-testid="quarter-forms">
                    {[...row.quarter_forms]
                      .sort((a, b) => a.period - b.period)
                      .map((form) => (
                        <Tooltip key={form.period} title={periodText(pt, form.period)}>
                          <Tag
                            color={assessmentStatusColor(form.assessment)}
                            style={{ marginInlineEnd: 0 }}
                            data-period={form.period}
                          >
                            {pt("board.quarterForm", {
                              n: form.period,
                              status: assessmentStatusText(pt, form.assessment),
                            })}
                          </Tag>
                        </Tooltip>
                      ))}
                  </Flex>
                )}
                {row.quarters.length > 0 && (
                  <Flex gap={4} wrap data-testid="quarter-levels">
                    {row.quarters.map((level, at) => (
                      <Tag key={at} color={levelColor(level)} style={{ marginInlineEnd: 0 }}>
                        {classificationLevelText(t, level)}
                      </Tag>
                    ))}
                  </Flex>
                )}
              </Flex>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) => (
              <Space size={4} wrap>
                {mayRerate(row) ? (
                  <Button size="small" onClick={() => setRerating(row)}>
                    {pt("board.rerate")}
                  </Button>
                ) : (
                  // Open whatever the year's form: a quarter's (S9) may be submitted before it;
                  // the drawer shows each period's status.
                  <Button size="small" onClick={() => setAppraising(row)}>
                    {pt("board.appraise")}
                  </Button>
                )}
                <Link to={`/cycles/${cycle.id}/points/${row.member_id}`}>
                  {pt("board.openForm")}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {pt("quota.title")}
        </Typography.Title>
        {groupsEditable && (
          <Button icon={<TeamOutlined />} onClick={() => setEditingGroups(true)}>
            {pt("groups.edit")}
          </Button>
        )}
      </Flex>
      <OverLimitAlerts
        overLimit={board.data.over_limit}
        rows={board.data.rows}
        onRerate={setRerating}
      />
      <QuotaGroupMeters
        quotas={board.data.quotas}
        percent={percent}
        chosen={(group) => tiesChosenExcellent(board.data.rows, memberIdOf, drafts, group)}
        overLimit={board.data.over_limit}
      />
      <DecisionSection
        cycle={cycle}
        board={board.data}
        outstanding={outstanding}
        percent={percent}
        busy={board.isFetching}
        drafts={drafts}
        onDraftsChange={setDrafts}
        facts={facts}
      />
      {appraising && (
        <AppraiseDrawer
          cycleId={cycle.id}
          memberId={appraising.member_id}
          name={appraising.member_name}
          points={points.data}
          onClose={() => setAppraising(null)}
        />
      )}
      {rerating && (
        <RerateDrawer
          cycleId={cycle.id}
          memberId={rerating.member_id}
          name={rerating.member_name}
          points={points.data}
          outstanding={outstanding}
          percent={percent}
          onClose={() => setRerating(null)}
        />
      )}
      {editingGroups && groupsEditable && (
        <QuotaGroupsDrawer
          cycleId={cycle.id}
          board={board.data}
          outstanding={outstanding}
          scope={points.data?.quota_scope}
          onClose={() => setEditingGroups(false)}
        />
      )}
    </Flex>
  );
}
