import { Alert, App, Button, Card, Flex, Form, Input, Select, Table, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  useDecidePoints,
  type BoardRow,
  type Cycle,
  type PointsBoard,
  type QuotaGroupInfo,
} from "@/features/points-year/api/points";
import { ReasonTags } from "@/features/points-year/components/result-parts";
import {
  choiceFieldOf,
  choiceName,
  choiceOf,
  isUnresolved,
  levelAfter,
  memberIdOf,
  reasonMax,
  tiesChosenExcellent,
  type ChoiceDrafts,
  type DecisionRow,
  type IdOf,
  type ReadyChoice,
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
function LevelCounts<R extends DecisionRow>({
  rows,
  idOf,
  drafts,
}: {
  rows: readonly R[];
  idOf: IdOf<R>;
  drafts: ChoiceDrafts;
}) {
  const t = useT();
  const pt = usePointsT();
  const count = new Map<string, number>();
  for (const row of rows) {
    const key = levelAfter(row, idOf(row), drafts) ?? row.status;
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

/** The words of a decision that differ between members (S10) and collectives (C2). */
export type DecisionWords = {
  hint: string;
  /** Nobody to choose for. */
  none: string;
  missing: (count: number) => string;
  confirm: string;
  irreversible: string;
  decided: string;
  decidedHint: string;
  closed: string;
};

export type DecisionCardProps<R extends DecisionRow> = {
  title: string;
  testId: string;
  /** The rows the decision records (its scope), in the board's order. */
  rows: readonly R[];
  idOf: IdOf<R>;
  nameOf: (row: R) => string;
  /** The first column of the choices: who the row is. */
  who: { title: string; render: (row: R) => ReactNode };
  totalOf: (row: R) => number;
  quotas: readonly QuotaGroupInfo[];
  /** The quota's percent of G in force (S7, C3: 20%, 25% for outstanding results), when known. */
  percent?: number;
  closed: boolean;
  /** The board is being read again (another quota): its rows are not the ones to decide on. */
  busy: boolean;
  drafts: ChoiceDrafts;
  onDraftsChange: (drafts: ChoiceDrafts) => void;
  facts?: readonly FactInfo[];
  words: DecisionWords;
  /** Why the decision cannot be made yet (shown, the button disabled), if it cannot. */
  blocked?: readonly string[];
  /** Sends the choices (those of every unresolved row, in the board's order). */
  decide: (choices: ReadyChoice[]) => Promise<unknown>;
  deciding: boolean;
};

/**
 * The competent level's decision on a board's rows (S10 step 4; C2 for collectives): once
 * decided, what was recorded; while the cycle is open, a level and a reason to choose for
 * every row the engine left unresolved, then the decision, confirmed (irreversible).
 */
export function DecisionCard<R extends DecisionRow>(props: DecisionCardProps<R>) {
  const { rows, idOf, words, closed, title, testId } = props;
  let body;
  if (rows.some((row) => row.decided)) {
    body = (
      <Flex vertical gap={12} data-testid="decision-summary">
        <Alert type="success" showIcon title={words.decided} description={words.decidedHint} />
        <LevelCounts rows={rows} idOf={idOf} drafts={{}} />
      </Flex>
    );
  } else if (closed) {
    body = <Alert type="info" showIcon title={words.closed} />;
  } else {
    body = <DecisionForm {...props} />;
  }
  return (
    <Card size="small" title={title} data-testid={testId}>
      {body}
    </Card>
  );
}

function DecisionForm<R extends DecisionRow>(props: DecisionCardProps<R>) {
  const { rows, idOf, nameOf, who, totalOf, quotas, percent, busy, drafts, onDraftsChange } =
    props;
  const { facts, words, blocked = [], decide, deciding } = props;
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const unresolved = rows.filter(isUnresolved);
  const choices = unresolved.map((row) => choiceOf(row, idOf(row), drafts));
  const ready = choices.filter((choice) => choice !== null);
  const missing = choices.length - ready.length;

  const overQuota = (row: R) => {
    const quota = quotas.find((q) => q.group === row.group);
    if (!quota || levelAfter(row, idOf(row), drafts) !== "excellent") return null;
    const excellent = quota.excellent + tiesChosenExcellent(rows, idOf, drafts, quota.group);
    return excellent > quota.limit
      ? pt("decision.overQuota", { group: quota.group, excellent, limit: quota.limit })
      : null;
  };

  const confirm = () => {
    setProblem(null);
    const sent = ready;
    void modal.confirm({
      title: words.confirm,
      content: (
        <Flex vertical gap={8} data-testid="decision-confirm">
          <Typography.Text strong>{words.irreversible}</Typography.Text>
          {percent !== undefined && (
            <Typography.Text>{pt("decision.quota", { percent })}</Typography.Text>
          )}
          <Typography.Text>{pt("decision.counts")}</Typography.Text>
          <LevelCounts rows={rows} idOf={idOf} drafts={drafts} />
        </Flex>
      ),
      okText: pt("decision.ok"),
      cancelText: t("common.cancel"),
      onOk: () =>
        decide(sent)
          .then(() => void message.success(pt("decision.done")))
          // The dialog closes; the card says why nothing was decided.
          .catch((error: unknown) =>
            setProblem(showPointsProblem(form, error, t, choiceFieldOf(sent))),
          ),
    });
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{words.hint}</Typography.Text>
      {blocked.map((why) => (
        <Alert key={why} type="warning" showIcon title={why} data-testid="decision-blocked" />
      ))}
      <FormError message={problem} />
      <Form<Values>
        form={form}
        component={false}
        initialValues={{ choices: drafts }}
        disabled={deciding}
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
          <Typography.Text>{words.none}</Typography.Text>
        ) : (
          <Table<R>
            data-testid="decision-choices"
            size="small"
            rowKey={(row) => idOf(row)}
            pagination={false}
            scroll={{ x: true }}
            dataSource={unresolved}
            columns={[
              { title: who.title, key: "who", render: (_, row) => who.render(row) },
              {
                title: pt("board.total"),
                key: "total",
                align: "right",
                render: (_, row) => pointsText(totalOf(row), locale),
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
                      <Form.Item name={choiceName(idOf(row), "level")} style={{ margin: 0 }}>
                        <Select
                          aria-label={`${pt("decision.level")}: ${nameOf(row)}`}
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
                    name={choiceName(idOf(row), "reason")}
                    extra={pt("decision.reasonHint")}
                    style={{ margin: 0, minWidth: 260 }}
                  >
                    <Input.TextArea
                      aria-label={`${pt("decision.reason")}: ${nameOf(row)}`}
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
          disabled={missing > 0 || busy || blocked.length > 0}
          loading={deciding}
          onClick={confirm}
        >
          {pt("decision.decide")}
        </Button>
        {missing > 0 && (
          <Typography.Text type="secondary">{words.missing(missing)}</Typography.Text>
        )}
      </Flex>
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
 * The competent level's decision on the members' year (S10 step 4); a re-rating of a decided
 * member goes through Mẫu 03.
 */
export function DecisionSection({ cycle, board, outstanding, ...rest }: Props) {
  const pt = usePointsT();
  const decide = useDecidePoints(cycle.id);
  return (
    <DecisionCard<BoardRow>
      {...rest}
      title={pt("decision.title")}
      testId="points-decision"
      rows={board.rows}
      idOf={memberIdOf}
      nameOf={(row) => row.member_name}
      who={{
        title: pt("decision.member"),
        render: (row) => (
          <Flex vertical>
            <Typography.Text strong>{row.member_name}</Typography.Text>
            <Typography.Text type="secondary">
              {row.branch_name} · {row.group}
            </Typography.Text>
          </Flex>
        ),
      }}
      totalOf={(row) => row.total}
      quotas={board.quotas}
      closed={cycle.stage === "closed"}
      words={{
        hint: pt("decision.hint"),
        none: pt("decision.none"),
        missing: (count) => pt("decision.missing", { count }),
        confirm: pt("decision.confirm", { year: cycle.year }),
        irreversible: pt("decision.irreversible"),
        decided: pt("decision.decided"),
        decidedHint: pt("decision.decidedHint"),
        closed: pt("decision.closed"),
      }}
      decide={(choices) =>
        decide.mutateAsync({
          outstanding,
          choices: choices.map(({ id, level, reason }) => ({ member_id: id, level, reason })),
        })
      }
      deciding={decide.isPending}
    />
  );
}
