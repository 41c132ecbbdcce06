import { DeleteOutlined } from "@ant-design/icons";
import {
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Select,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { usePointsT } from "@/features/classification/messages";
import {
  onFrame,
  tallyFields,
  withTally,
  type PointsRow,
} from "@/features/classification/components/points-rows";
import { PointsResultCell } from "@/features/classification/components/points-result";
import {
  decimalSeparator,
  factsFor,
  frameCodes,
  toPoints,
  toTenths,
  type PointsInfo,
} from "@/lib/classification/points";
import type { PointsMember, PointsPreviewResult } from "@/lib/classification/preview";
import { memberStatusText } from "@/lib/domain/labels";
import { memberStatuses } from "@/lib/domain/members";
import { toApiDay } from "@/lib/format";
import { useLocale, useT } from "@/lib/i18n/use-t";

type FieldMessage = { field: string; message: string };
type Line = { row: PointsRow; index: number };

const taskFields = ["assigned", "done", "on_time", "exceeded"] as const;
const shortcomingFields = ["prior", "remedied"] as const;
const flags = ["self_review_submitted", "exempt", "suspended", "attached"] as const;
type Flag = (typeof flags)[number];

/** Whether a 422 names `field` of a row, or a part of it (`tasks.done`, `facts[0]`). */
function hasError(errors: FieldMessage[], field: string): "error" | undefined {
  return errors.some(
    (error) =>
      error.field === field ||
      error.field.startsWith(`${field}.`) ||
      error.field.startsWith(`${field}[`),
  )
    ? "error"
    : undefined;
}

/**
 * Whether a 422 names a count of a row's vote; the whole tally's (`vote`: its votes over D) is
 * shown on D.
 */
function voteError(errors: FieldMessage[], field: string): "error" | undefined {
  if (field === "counted" && errors.some((error) => error.field === "vote")) return "error";
  return hasError(errors, `vote.${field}`);
}

type Props = {
  points: PointsInfo | null | undefined;
  /** S10: the rule set asks the branch to vote: a tally per person (`branch_vote`). */
  branchVote: boolean;
  rows: PointsRow[];
  fieldErrors: Map<number | null, FieldMessage[]>;
  resultOf: (id: string) => PointsPreviewResult | undefined;
  onChangeRow: (index: number, change: Partial<PointsRow>) => void;
  onRemove: (index: number) => void;
};

/**
 * The made-up rows under a points rule set (RULES-2025.md), one column per part of the points
 * body: frame and membership, the two groups' points, the tasks, the shortcomings, the facts, the
 * quota group, the flags; and each row's result.
 */
export function PointsMembersTable({
  points,
  branchVote,
  rows,
  fieldErrors,
  resultOf,
  onChangeRow,
  onRemove,
}: Props) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  const errorsOf = (index: number) => fieldErrors.get(index) ?? [];
  const change = (index: number, member: Partial<PointsMember>) =>
    onChangeRow(index, { member: { ...rows[index].member, ...member } });
  // The groups' maxima of a frame (S2: 30 and 70 points).
  const maxOf = (frame: string, group: "general" | "tasks") =>
    points?.frames.find((one) => one.frame === frame)?.groups.find((one) => one.code === group)
      ?.max ?? (group === "general" ? 300 : 700);
  const pointsInput = (index: number, group: "general" | "tasks") => {
    const { member } = rows[index];
    const max = maxOf(member.frame, group);
    const label = pt(group === "general" ? "points.general" : "points.tasksPoints");
    return (
      <InputNumber
        aria-label={label}
        prefix={pt(group === "general" ? "points.general.short" : "points.tasksPoints.short")}
        suffix={pt("points.outOf", { max: toPoints(max) })}
        min={0}
        max={toPoints(max)}
        decimalSeparator={decimalSeparator(locale)}
        status={hasError(errorsOf(index), `points.${group}`)}
        value={toPoints(member.points[group])}
        onChange={(value) =>
          change(index, { points: { ...member.points, [group]: toTenths(value ?? 0) } })
        }
      />
    );
  };
  const countInput = <K extends "tasks" | "shortcomings">(
    index: number,
    part: K,
    field: keyof PointsMember[K] & string,
    label: string,
  ) => {
    const { member } = rows[index];
    const counts = member[part] as Record<string, number>;
    return (
      <InputNumber
        key={field}
        aria-label={label}
        prefix={label}
        min={0}
        precision={0}
        status={hasError(errorsOf(index), `${part}.${field}`)}
        value={counts[field]}
        onChange={(value) => change(index, { [part]: { ...counts, [field]: value ?? 0 } })}
      />
    );
  };

  return (
    <Table<Line>
      data-testid="what-if-table"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      rowKey={(line) => line.row.member.id}
      dataSource={rows.map((row, index) => ({ row, index }))}
      columns={[
        {
          title: pt("points.name"),
          key: "name",
          width: 170,
          render: (_, { row, index }) => (
            <Input
              aria-label={pt("points.name")}
              value={row.name}
              onChange={(event) => onChangeRow(index, { name: event.target.value })}
            />
          ),
        },
        {
          title: pt("points.frame"),
          key: "frame",
          width: 200,
          render: (_, { row: { member }, index }) => {
            const errors = errorsOf(index);
            const collective = member.frame === "F1";
            return (
              <Flex vertical gap={4}>
                <Select
                  aria-label={pt("points.frame")}
                  status={hasError(errors, "frame")}
                  value={member.frame}
                  onChange={(frame: string) => change(index, onFrame(member, frame, points))}
                  options={frameCodes.map((frame) => {
                    const info = points?.frames.find((one) => one.frame === frame);
                    return {
                      value: frame,
                      label: info ? pt("points.frame.option", { frame, form: info.form }) : frame,
                    };
                  })}
                />
                {collective ? (
                  <Typography.Text type="secondary">{pt("points.collective")}</Typography.Text>
                ) : (
                  <>
                    <Select
                      aria-label={t("member.status")}
                      status={hasError(errors, "status")}
                      value={member.status}
                      onChange={(status: string) => change(index, { status })}
                      options={memberStatuses.map((status) => ({
                        value: status,
                        label: memberStatusText(t, status),
                      }))}
                    />
                    <DatePicker
                      aria-label={t("member.admittedOn")}
                      placeholder={t("member.admittedOn")}
                      status={hasError(errors, "admitted_on")}
                      format="DD/MM/YYYY"
                      allowClear={false}
                      value={member.admitted_on ? dayjs(member.admitted_on) : null}
                      onChange={(day) => day && change(index, { admitted_on: toApiDay(day) })}
                    />
                  </>
                )}
              </Flex>
            );
          },
        },
        {
          title: pt("points.points"),
          key: "points",
          width: 170,
          render: (_, { index }) => (
            <Flex vertical gap={4}>
              {pointsInput(index, "general")}
              {pointsInput(index, "tasks")}
            </Flex>
          ),
        },
        {
          title: pt("points.tasks"),
          key: "tasks",
          width: 170,
          render: (_, { index }) => (
            <Flex vertical gap={4}>
              {taskFields.map((field) =>
                countInput(index, "tasks", field, pt(`points.tasks.${field}`)),
              )}
            </Flex>
          ),
        },
        {
          title: pt("points.shortcomings"),
          key: "shortcomings",
          width: 170,
          render: (_, { index }) => (
            <Flex vertical gap={4}>
              {shortcomingFields.map((field) =>
                countInput(index, "shortcomings", field, pt(`points.shortcomings.${field}`)),
              )}
            </Flex>
          ),
        },
        {
          title: pt("points.facts"),
          key: "facts",
          width: 280,
          render: (_, { row: { member }, index }) => {
            const errors = errorsOf(index);
            const facts = factsFor(points, member.frame);
            const labelOf = (code: string) =>
              facts.find((fact) => fact.code === code)?.label ?? code;
            return (
              <Flex vertical gap={4}>
                <Select
                  aria-label={pt("points.facts")}
                  mode="multiple"
                  placeholder={pt("points.facts.none")}
                  status={hasError(errors, "facts")}
                  value={member.facts}
                  onChange={(chosen: string[]) =>
                    change(index, {
                      facts: chosen,
                      mitigated: member.mitigated.filter((fact) => chosen.includes(fact)),
                    })
                  }
                  options={facts.map((fact) => ({ value: fact.code, label: fact.label }))}
                />
                {member.facts.length > 0 && (
                  <Select
                    aria-label={pt("points.mitigated")}
                    mode="multiple"
                    placeholder={pt("points.mitigated")}
                    status={hasError(errors, "mitigated")}
                    value={member.mitigated}
                    onChange={(mitigated: string[]) => change(index, { mitigated })}
                    options={member.facts.map((code) => ({ value: code, label: labelOf(code) }))}
                  />
                )}
              </Flex>
            );
          },
        },
        {
          title: pt("points.quotaGroup"),
          key: "quota_group",
          width: 150,
          render: (_, { row: { member }, index }) => (
            <Input
              aria-label={pt("points.quotaGroup")}
              placeholder={pt("points.quotaGroup.default", { frame: member.frame })}
              status={hasError(errorsOf(index), "quota_group")}
              value={member.quota_group ?? ""}
              onChange={(event) => change(index, { quota_group: event.target.value || null })}
            />
          ),
        },
        ...(branchVote
          ? [
              {
                title: pt("points.vote"),
                key: "vote",
                width: 190,
                render: (_: unknown, { row: { member }, index }: Line) =>
                  member.frame === "F1" ? (
                    <Typography.Text type="secondary">
                      {pt("points.vote.collective")}
                    </Typography.Text>
                  ) : (
                    <Flex vertical gap={4} data-testid="points-vote">
                      {tallyFields.map((field) => (
                        <InputNumber
                          key={field}
                          size="small"
                          aria-label={pt(`points.vote.${field}`)}
                          title={pt(`points.vote.${field}`)}
                          prefix={pt(`points.vote.${field}.short`)}
                          min={0}
                          precision={0}
                          status={voteError(errorsOf(index), field)}
                          value={member.vote?.[field] ?? null}
                          onChange={(value) =>
                            change(index, { vote: withTally(member.vote, field, value) })
                          }
                        />
                      ))}
                      {member.vote === null && (
                        <Typography.Text type="secondary">{pt("points.vote.hint")}</Typography.Text>
                      )}
                    </Flex>
                  ),
              },
            ]
          : []),
        {
          title: pt("points.flags"),
          key: "flags",
          width: 210,
          render: (_, { row: { member }, index }) => (
            <Checkbox.Group
              style={{ display: "flex", flexDirection: "column" }}
              value={flags.filter((flag) => member[flag])}
              onChange={(checked: Flag[]) =>
                change(
                  index,
                  Object.fromEntries(flags.map((flag) => [flag, checked.includes(flag)])),
                )
              }
              options={flags.map((flag) => ({ value: flag, label: pt(`points.flag.${flag}`) }))}
            />
          ),
        },
        {
          title: pt("points.result"),
          key: "result",
          width: 280,
          render: (_, { row: { member }, index }) => (
            <PointsResultCell
              result={resultOf(member.id)}
              errors={errorsOf(index)}
              points={points}
            />
          ),
        },
        {
          key: "remove",
          width: 48,
          render: (_, { index }) => (
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={pt("points.remove")}
              onClick={() => onRemove(index)}
            />
          ),
        },
      ]}
    />
  );
}
