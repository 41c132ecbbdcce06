import { Alert, Button, Flex, Space, Spin, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  usePointsBoard,
  useRuleSetPoints,
  type BoardRow,
  type Cycle,
  type QuotaGroupInfo,
} from "@/features/points-year/api/points";
import { AppraiseDrawer } from "@/features/points-year/components/appraise-drawer";
import { LevelTag, ReasonTags } from "@/features/points-year/components/result-parts";
import {
  assessmentStatusColor,
  assessmentStatusText,
  mayAppraise,
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
 * results), and each submitted form to appraise.
 */
export function PointsAppraisalTab({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const [outstanding, setOutstanding] = useState(false);
  const board = usePointsBoard(cycle.id, outstanding);
  const points = useRuleSetPoints(cycle.rule_set);
  const [appraising, setAppraising] = useState<BoardRow | null>(null);

  if (board.isPending) return <Spin />;
  if (board.isError) return <Alert type="error" showIcon title={errorMessage(board.error, t)} />;
  const facts = points.data?.facts;
  const whoOf = (frame: string) => points.data?.frames.find((f) => f.frame === frame);
  const source = (from: string | null | undefined) =>
    from === "self" || from === "appraised" ? pt(`source.${from}` as PointsMessageKey) : "";

  return (
    <Flex vertical gap={16} data-testid="points-appraisal">
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
            render: (_, row) => <LevelTag level={row.level} status={row.status} />,
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
            render: (_, row) => (
              <Flex gap={4} wrap>
                {row.quarters.map((level, at) => (
                  <Tag key={at} color={levelColor(level)}>
                    {classificationLevelText(t, level)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  disabled={!mayAppraise(row.assessment)}
                  onClick={() => setAppraising(row)}
                >
                  {pt("board.appraise")}
                </Button>
                <Link to={`/cycles/${cycle.id}/points/${row.member_id}`}>
                  {pt("board.openForm")}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {pt("quota.title")}
      </Typography.Title>
      <Table<QuotaGroupInfo>
        data-testid="points-quotas"
        size="small"
        rowKey="group"
        pagination={false}
        dataSource={board.data.quotas}
        columns={[
          { title: pt("quota.group"), dataIndex: "group", key: "group" },
          { title: pt("quota.counted"), dataIndex: "counted", key: "counted", align: "right" },
          { title: pt("quota.limit"), dataIndex: "limit", key: "limit", align: "right" },
          {
            title: pt("quota.before"),
            key: "before",
            align: "right",
            render: (_, quota) => (
              <Typography.Text
                type={quota.excellent_before_quota > quota.limit ? "warning" : undefined}
              >
                {quota.excellent_before_quota}
              </Typography.Text>
            ),
          },
          {
            title: pt("quota.excellent"),
            dataIndex: "excellent",
            key: "excellent",
            align: "right",
          },
        ]}
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
    </Flex>
  );
}
