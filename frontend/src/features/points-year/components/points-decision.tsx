import { Alert, App, Button, Card, Flex, Form, Input, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  useDecidePoints,
  type BoardRow,
  type Cycle,
  type PointsBoard,
  type PointsDecisionInput,
} from "@/features/points-year/api/points";
import { ReasonTags } from "@/features/points-year/components/result-parts";
import {
  choiceFieldOf,
  choiceName,
  choiceOf,
  isUnresolved,
  levelAfter,
  reasonMax,
  tiesChosenExcellent,
  type ChoiceDrafts,
} from "@/features/points-year/decision";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import { proposedLevels } from "@/features/points-year/form-values";
import { decisionLevels, resultStatuses, resultStatusText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { levelColor } from "@/lib/classification/labels";
import { pointsText } from "@/lib/classification/points";
import { classificationLevelText } from "@/lib/domain/labels";
import { useLocale, useT } from "@/lib/i18n/use-t";

type FactInfo = components["schemas"]["FactInfo"];
type Values = { choices: ChoiceDrafts };

/** How many end at each level (and, without a level, in each status), in the levels' order. */
function LevelCounts({ rows, drafts }: { rows: readonly BoardRow[]; drafts: ChoiceDrafts }) {
  const t = useT();
  const pt = usePointsT();
  const count = new Map<string, number>();
  for (const row of rows) {
    const key = levelAfter(row, drafts) ?? row.status;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const tags = [
    ...proposedLevels.map((level) => ({
      key: level,
      color: levelColor(level),
      label: classificationLevelText(t, level),
    })),
    // Without a level: its status (pending, not classified).
    ...resultStatuses.map((status) => ({
      key: status,
      color: "default",
      label: resultStatusText(pt, status),
    })),
  ].filter(({ key }) => count.has(key));
  return (
    <Flex gap={4} wrap data-testid="decision-counts">
      {tags.map(({ key, color, label }) => (
        <Tag key={key} color={color} data-level={key}>
          {label}: {count.get(key)}
        </Tag>
      ))}
    </Flex>
  );
}

type Props = {
  cycle: Cycle;
  board: PointsBoard;
  outstanding: boolean;
  /** The quota's percent of G in force (S7: 20%, 25% for outstanding results), when known. */
  percent?: number;
  /** The board is being read again (another quota): its rows are not the ones to decide on. */
  busy: boolean;
  drafts: ChoiceDrafts;
  onDraftsChange: (drafts: ChoiceDrafts) => void;
  facts?: readonly FactInfo[];
};

/**
 * The competent level's decision on the year (S10 step 4): once decided, what was recorded;
 * while the cycle is open, a level and a reason to choose for everyone the engine left
 * unresolved, then the decision (irreversible: a re-rating goes through Mẫu 03).
 */
export function DecisionSection(props: Props) {
  const pt = usePointsT();
  const { board, cycle } = props;
  let body;
  if (board.rows.some((row) => row.decided)) {
    body = (
      <Flex vertical gap={12} data-testid="decision-summary">
        <Alert
          type="success"
          showIcon
          title={pt("decision.decided")}
          description={pt("decision.decidedHint")}
        />
        <LevelCounts rows={board.rows} drafts={{}} />
      </Flex>
    );
  } else if (cycle.stage === "closed") {
    body = <Alert type="info" showIcon title={pt("decision.closed")} />;
  } else {
    body = <DecisionForm {...props} />;
  }
  return (
    <Card size="small" title={pt("decision.title")} data-testid="points-decision">
      {body}
    </Card>
  );
}

function DecisionForm(props: Props) {
  const { cycle, board, outstanding, percent, busy, drafts, onDraftsChange, facts } = props;
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecidePoints(cycle.id);
  const [problem, setProblem] = useState<string | null>(null);
  const unresolved = board.rows.filter(isUnresolved);
  const choices = unresolved.map((row) => choiceOf(row, drafts));
  const ready = choices.filter((choice) => choice !== null);
  const missing = choices.length - ready.length;

  const overQuota = (row: BoardRow) => {
    const quota = board.quotas.find((q) => q.group === row.group);
    if (!quota || levelAfter(row, drafts) !== "excellent") return null;
    const excellent = quota.excellent + tiesChosenExcellent(board.rows, drafts, row.group);
    return excellent > quota.limit
      ? pt("decision.overQuota", { group: row.group, excellent, limit: quota.limit })
      : null;
  };

  const confirm = () => {
    setProblem(null);
    const decision: PointsDecisionInput = { outstanding, choices: ready };
    void modal.confirm({
      title: pt("decision.confirm", { year: cycle.year }),
      content: (
        <Flex vertical gap={8} data-testid="decision-confirm">
          <Typography.Text strong>{pt("decision.irreversible")}</Typography.Text>
          {percent !== undefined && (
            <Typography.Text>{pt("decision.quota", { percent })}</Typography.Text>
          )}
          <Typography.Text>{pt("decision.counts")}</Typography.Text>
          <LevelCounts rows={board.rows} drafts={drafts} />
        </Flex>
      ),
      okText: pt("decision.ok"),
      cancelText: t("common.cancel"),
      onOk: () =>
        decide
          .mutateAsync(decision)
          .then(() => void message.success(pt("decision.done")))
          // The dialog closes; the card says why nothing was decided.
          .catch((error: unknown) =>
            setProblem(showPointsProblem(form, error, t, choiceFieldOf(decision))),
          ),
    });
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{pt("decision.hint")}</Typography.Text>
      <FormError message={problem} />
      <Form<Values>
        form={form}
        component={false}
        initialValues={{ choices: drafts }}
        disabled={decide.isPending}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // A server's error on a choice goes once the choice changes.
          for (const [key, draft] of Object.entries(changed.choices ?? {})) {
            clearFieldErrors(
              form,
              Object.keys(draft ?? {}).map((field) => ["choices", key, field]),
            );
          }
          onDraftsChange(all.choices ?? {});
        }}
      >
        {unresolved.length === 0 ? (
          <Typography.Text>{pt("decision.none")}</Typography.Text>
        ) : (
          <Table<BoardRow>
            data-testid="decision-choices"
            size="small"
            rowKey="member_id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={unresolved}
            columns={[
              {
                title: pt("decision.member"),
                key: "member",
                render: (_, row) => (
                  <Flex vertical>
                    <Typography.Text strong>{row.member_name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {row.branch_name} · {row.group}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: pt("board.total"),
                key: "total",
                align: "right",
                render: (_, row) => pointsText(row.total, locale),
              },
              {
                title: pt("decision.grounds"),
                key: "grounds",
                render: (_, row) => (
                  <ReasonTags reasons={row.reasons} status={row.status} facts={facts} />
                ),
              },
              {
                title: pt("decision.level"),
                key: "level",
                render: (_, row) => {
                  const over = overQuota(row);
                  return (
                    <Flex vertical gap={4} style={{ minWidth: 220 }}>
                      <Form.Item name={choiceName(row.member_id, "level")} style={{ margin: 0 }}>
                        <Select
                          aria-label={`${pt("decision.level")}: ${row.member_name}`}
                          options={decisionLevels(row.reasons).map((level) => ({
                            value: level,
                            label: classificationLevelText(t, level),
                          }))}
                        />
                      </Form.Item>
                      {over && (
                        <Typography.Text type="warning" data-testid="over-quota">
                          {over}
                        </Typography.Text>
                      )}
                    </Flex>
                  );
                },
              },
              {
                title: pt("decision.reason"),
                key: "reason",
                render: (_, row) => (
                  <Form.Item
                    name={choiceName(row.member_id, "reason")}
                    extra={pt("decision.reasonHint")}
                    style={{ margin: 0, minWidth: 260 }}
                  >
                    <Input.TextArea
                      aria-label={`${pt("decision.reason")}: ${row.member_name}`}
                      autoSize={{ minRows: 2 }}
                      maxLength={reasonMax}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
      </Form>
      <Flex gap={12} align="center" wrap>
        <Button
          type="primary"
          disabled={missing > 0 || busy}
          loading={decide.isPending}
          onClick={confirm}
        >
          {pt("decision.decide")}
        </Button>
        {missing > 0 && (
          <Typography.Text type="secondary">
            {pt("decision.missing", { count: missing })}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
