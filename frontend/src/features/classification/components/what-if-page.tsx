import { CloudDownloadOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { OutcomeSummary } from "@/components/classification/outcome-summary";
import { ResultCell } from "@/components/classification/result-tags";
import {
  useClassificationPreview,
  type PreviewMember,
} from "@/lib/classification/preview";
import { useRuleSets } from "@/features/classification/api/rule-sets";
import type { BranchClassificationInput } from "@/features/classification/api/branch-input";
import { LoadBranchModal } from "@/features/classification/components/load-branch-modal";
import {
  flags,
  honours,
  partyOrgRatings,
  partyOrgRatingText,
  professionalRatings,
  unitRatings,
  type Flag,
} from "@/lib/classification/labels";
import {
  blankMember,
  errorsByRow,
  exampleRows,
  nextId,
  previewRequest,
  rowsOfBranch,
  type Row,
  type Settings,
} from "@/features/classification/components/rows";
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
import { handlesReviews } from "@/lib/auth/permissions";
import { useCurrentUser } from "@/lib/auth/use-session";
import { toApiDay, todayInVietnam } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type FieldMessage = { field: string; message: string };
type Line = { row: Row; index: number };

const voteLevels = classificationLevels;

/** The messages of a 422 that name `field` of a row (or a part of it, `votes.good`). */
function messagesOf(errors: FieldMessage[], field: string): string[] {
  return errors
    .filter((error) => error.field === field || error.field.startsWith(`${field}.`))
    .map((error) => error.message);
}

/**
 * What-if: a made-up branch classified live by the engine the cycles use, to see how votes,
 * gates (M8–M11) and the quota (Q1–Q4) play out. Nothing is saved.
 */
export function WhatIfPage() {
  const t = useT();
  const { message } = App.useApp();
  // Those who run a branch may start from its real members (the API checks which branches).
  const runsBranch = handlesReviews(useCurrentUser());
  const [loadingBranch, setLoadingBranch] = useState(false);
  const [settings, setSettings] = useState<Settings>(() => ({
    rule_set: "vinh-2016",
    reference_date: toApiDay(todayInVietnam()),
    outstanding_unit: false,
  }));
  const [rows, setRows] = useState<Row[]>(exampleRows);
  const [request, setRequest] = useState(() => previewRequest(settings, rows));
  const send = useDebouncedCallback(setRequest, 300).schedule;
  const preview = useClassificationPreview(request);
  const ruleSets = useRuleSets();

  const apply = (nextSettings: Settings, nextRows: Row[]) => {
    setSettings(nextSettings);
    setRows(nextRows);
    send(previewRequest(nextSettings, nextRows));
  };
  const loadBranch = (input: BranchClassificationInput, branchName: string) => {
    setLoadingBranch(false);
    apply(
      {
        rule_set: input.rule_set,
        reference_date: input.reference_date,
        outstanding_unit: input.branch.outstanding_unit ?? false,
      },
      rowsOfBranch(input),
    );
    void message.success(
      t("whatIf.load.done", { count: input.members.length, branch: branchName }),
    );
  };
  const changeSettings = (change: Partial<Settings>) => apply({ ...settings, ...change }, rows);
  const changeRow = (index: number, change: Partial<Row>) =>
    apply(
      settings,
      rows.map((row, at) => (at === index ? { ...row, ...change } : row)),
    );
  const changeMember = (index: number, change: Partial<PreviewMember>) =>
    changeRow(index, { member: { ...rows[index].member, ...change } });

  const fieldErrors =
    preview.error instanceof ApiError && preview.error.status === 422
      ? errorsByRow(preview.error.fieldErrors)
      : new Map<number | null, FieldMessage[]>();
  const generalError =
    preview.error === null
      ? null
      : fieldErrors.size === 0
        ? errorMessage(preview.error, t)
        : (fieldErrors.get(null) ?? []).map((error) => error.message).join("; ") || null;
  const data = preview.isError ? undefined : preview.data;
  const resultOf = (id: string) => data?.results.find((result) => result.id === id);
  const nameOf = (id: string | null | undefined) => rows.find((row) => row.member.id === id)?.name;

  const options = (values: readonly string[], text: (value: string) => string) =>
    values.map((value) => ({ value, label: text(value) }));
  const status = (errors: FieldMessage[], field: string) =>
    messagesOf(errors, field).length > 0 ? ("error" as const) : undefined;

  return (
    <Flex vertical gap={16} data-testid="what-if">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t("whatIf.intro")}
      </Typography.Paragraph>
      {runsBranch && (
        <div>
          <Button icon={<CloudDownloadOutlined />} onClick={() => setLoadingBranch(true)}>
            {t("whatIf.load")}
          </Button>
        </div>
      )}
      {loadingBranch && (
        <LoadBranchModal onLoaded={loadBranch} onClose={() => setLoadingBranch(false)} />
      )}
      <Form layout="inline">
        <Form.Item label={t("whatIf.ruleSet")}>
          <Select
            aria-label={t("whatIf.ruleSet")}
            style={{ width: 160 }}
            value={settings.rule_set}
            loading={ruleSets.isPending}
            onChange={(value) => changeSettings({ rule_set: value })}
            // Until the list is in, the chosen rule set is the only choice.
            options={(ruleSets.data ?? [{ name: settings.rule_set }]).map(({ name }) => ({
              value: name,
              label: name,
            }))}
          />
        </Form.Item>
        <Form.Item label={t("whatIf.referenceDate")}>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            value={dayjs(settings.reference_date)}
            onChange={(day) => day && changeSettings({ reference_date: toApiDay(day) })}
          />
        </Form.Item>
        <Form.Item label={t("whatIf.outstandingUnit")} tooltip={t("whatIf.basis.Q3")}>
          <Switch
            aria-label={t("whatIf.outstandingUnit")}
            checked={settings.outstanding_unit}
            onChange={(checked) => changeSettings({ outstanding_unit: checked })}
          />
        </Form.Item>
      </Form>
      {data && <OutcomeSummary t={t} preview={data} testId="what-if-summary" />}
      {generalError && <Alert type="error" showIcon title={generalError} />}
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
                onClick={() =>
                  apply(
                    settings,
                    rows.filter((_row, at) => at !== index),
                  )
                }
              />
            ),
          },
        ]}
      />
      <div>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            apply(settings, [...rows, { name: "", member: blankMember(nextId(rows)) }])
          }
        >
          {t("whatIf.add")}
        </Button>
      </div>
      {data && data.warnings.length > 0 && (
        <Flex vertical gap={8} data-testid="what-if-warnings">
          <Typography.Title level={5}>{t("whatIf.warnings")}</Typography.Title>
          {data.warnings.map((warning, at) => {
            const name = nameOf(warning.member_id);
            return (
              <Alert
                key={at}
                type="warning"
                showIcon
                title={
                  <>
                    <Tag>{warning.code}</Tag>
                    {name ? `${name}: ` : ""}
                    {warning.message}
                  </>
                }
              />
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
