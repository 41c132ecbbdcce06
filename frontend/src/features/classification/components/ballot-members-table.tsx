import { DeleteOutlined } from "@ant-design/icons";
import { Button, Checkbox, DatePicker, Flex, Input, InputNumber, Select, Table } from "antd";
import dayjs from "dayjs";
import { ResultCell } from "@/components/classification/result-tags";
import type { Row } from "@/features/classification/components/rows";
import {
  flags,
  honours,
  partyOrgRatings,
  partyOrgRatingText,
  professionalRatings,
  unitRatings,
  type Flag,
} from "@/lib/classification/labels";
import type { PreviewMember, PreviewResult } from "@/lib/classification/preview";
import {
  classificationLevelText,
  leadershipLevelText,
  memberCategoryText,
  memberStatusText,
} from "@/lib/domain/labels";
import {
  classificationLevels,
  leadershipLevels,
  memberCategories,
  memberStatuses,
} from "@/lib/domain/members";
import { toApiDay } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";

type FieldMessage = { field: string; message: string };
type Line = { row: Row; index: number };

const voteLevels = classificationLevels;

/** The messages of a 422 that name `field` of a row (or a part of it, `votes.good`). */
function messagesOf(errors: FieldMessage[], field: string): string[] {
  return errors
    .filter((error) => error.field === field || error.field.startsWith(`${field}.`))
    .map((error) => error.message);
}

type Props = {
  rows: Row[];
  fieldErrors: Map<number | null, FieldMessage[]>;
  resultOf: (id: string) => PreviewResult | undefined;
  changeRow: (index: number, change: Partial<Row>) => void;
  changeMember: (index: number, change: Partial<PreviewMember>) => void;
  onRemove: (index: number) => void;
};

/**
 * The made-up members of a branch under a ballot rule set (RULES.md): who they are, their flags,
 * their work (M8–M11), the votes of the branch (M6, M7) and each one's result.
 */
export function BallotMembersTable({
  rows,
  fieldErrors,
  resultOf,
  changeRow,
  changeMember,
  onRemove,
}: Props) {
  const t = useT();
  const options = (values: readonly string[], text: (value: string) => string) =>
    values.map((value) => ({ value, label: text(value) }));
  const status = (errors: FieldMessage[], field: string) =>
    messagesOf(errors, field).length > 0 ? ("error" as const) : undefined;

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
          title: t("whatIf.name"),
          key: "name",
          width: 180,
          render: (_, { row, index }) => (
            <Input
              aria-label={t("whatIf.name")}
              value={row.name}
              onChange={(event) => changeRow(index, { name: event.target.value })}
            />
          ),
        },
        {
          title: t("whatIf.member"),
          key: "member",
          width: 230,
          render: (_, { row: { member }, index }) => {
            const errors = fieldErrors.get(index) ?? [];
            return (
              <Flex vertical gap={4}>
                <Select
                  aria-label={t("member.status")}
                  status={status(errors, "status")}
                  value={member.status}
                  onChange={(value) => changeMember(index, { status: value })}
                  options={options(memberStatuses, (value) => memberStatusText(t, value))}
                />
                <DatePicker
                  aria-label={t("member.admittedOn")}
                  placeholder={t("member.admittedOn")}
                  status={status(errors, "admitted_on")}
                  format="DD/MM/YYYY"
                  allowClear={false}
                  value={dayjs(member.admitted_on)}
                  onChange={(day) => day && changeMember(index, { admitted_on: toApiDay(day) })}
                />
                <Select
                  aria-label={t("member.category")}
                  status={status(errors, "category")}
                  value={member.category}
                  onChange={(value) => changeMember(index, { category: value })}
                  options={options(memberCategories, (value) => memberCategoryText(t, value))}
                />
              </Flex>
            );
          },
        },
        {
          title: t("whatIf.flags"),
          key: "flags",
          width: 220,
          render: (_, { row: { member }, index }) => (
            <Checkbox.Group
              style={{ display: "flex", flexDirection: "column" }}
              value={flags.filter((flag) => member[flag])}
              onChange={(checked: Flag[]) =>
                changeMember(
                  index,
                  Object.fromEntries(flags.map((flag) => [flag, checked.includes(flag)])),
                )
              }
              options={flags.map((flag) => ({
                value: flag,
                label: t(`whatIf.flag.${flag}` as MessageKey),
              }))}
            />
          ),
        },
        {
          title: t("whatIf.work"),
          key: "work",
          width: 260,
          render: (_, { row: { member }, index }) => {
            const errors = fieldErrors.get(index) ?? [];
            const leadership = member.leadership;
            return (
              <Flex vertical gap={4}>
                <Select
                  aria-label={t("whatIf.professionalRating")}
                  placeholder={t("whatIf.professionalRating.none")}
                  allowClear
                  status={status(errors, "professional_rating")}
                  value={member.professional_rating}
                  onChange={(value?: string) =>
                    changeMember(index, { professional_rating: value ?? null })
                  }
                  options={options(professionalRatings, (value) =>
                    t(`rating.level.${value}` as MessageKey),
                  )}
                />
                <Select
                  aria-label={t("whatIf.honours")}
                  placeholder={t("whatIf.honours")}
                  mode="multiple"
                  status={status(errors, "honours")}
                  value={member.honours}
                  onChange={(value: string[]) => changeMember(index, { honours: value })}
                  options={options(honours, (value) => t(`honour.${value}` as MessageKey))}
                />
                <Select
                  aria-label={t("whatIf.leadership")}
                  placeholder={t("whatIf.leadership.none")}
                  allowClear
                  status={status(errors, "leadership")}
                  value={leadership?.level}
                  onChange={(level?: string) =>
                    changeMember(index, {
                      leadership: level
                        ? {
                            level,
                            unit_rating: leadership?.unit_rating ?? "good",
                            party_org_rating: leadership?.party_org_rating ?? "clean_strong",
                          }
                        : null,
                    })
                  }
                  options={options(leadershipLevels, (value) => leadershipLevelText(t, value))}
                />
                {leadership && (
                  <>
                    <Select
                      aria-label={t("whatIf.unitRating")}
                      value={leadership.unit_rating}
                      onChange={(value) =>
                        changeMember(index, { leadership: { ...leadership, unit_rating: value } })
                      }
                      options={options(unitRatings, (value) =>
                        t("whatIf.unitRating.value", { level: classificationLevelText(t, value) }),
                      )}
                    />
                    <Select
                      aria-label={t("whatIf.partyOrgRating")}
                      value={leadership.party_org_rating}
                      onChange={(value) =>
                        changeMember(index, {
                          leadership: { ...leadership, party_org_rating: value },
                        })
                      }
                      options={options(partyOrgRatings, (value) =>
                        t("whatIf.partyOrgRating.value", {
                          level: partyOrgRatingText(t, value),
                        }),
                      )}
                    />
                  </>
                )}
              </Flex>
            );
          },
        },
        {
          title: t("whatIf.votes"),
          key: "votes",
          width: 150,
          render: (_, { row: { member }, index }) => {
            const errors = fieldErrors.get(index) ?? [];
            return (
              <Flex vertical gap={4}>
                {voteLevels.map((level) => (
                  <InputNumber
                    key={level}
                    min={0}
                    precision={0}
                    aria-label={t(`whatIf.votes.${level}`)}
                    prefix={t(`whatIf.votes.${level}`)}
                    status={status(errors, "votes")}
                    value={member.votes[level]}
                    onChange={(count) =>
                      changeMember(index, {
                        votes: { ...member.votes, [level]: count ?? 0 },
                      })
                    }
                  />
                ))}
              </Flex>
            );
          },
        },
        {
          title: t("whatIf.result"),
          key: "result",
          width: 240,
          render: (_, { row: { member }, index }) => (
            <ResultCell
              t={t}
              result={resultOf(member.id)}
              errors={fieldErrors.get(index) ?? []}
              testId="what-if-result"
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
              aria-label={t("whatIf.remove")}
              onClick={() => onRemove(index)}
            />
          ),
        },
      ]}
    />
  );
}
