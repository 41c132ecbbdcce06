import { CloudDownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Select,
  Switch,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { OutcomeSummary } from "@/components/classification/outcome-summary";
import {
  useClassificationPreview,
  usePointsPreview,
  type PointsPreviewRequest,
  type PreviewMember,
  type PreviewRequest,
} from "@/lib/classification/preview";
import { useRuleSets } from "@/features/classification/api/rule-sets";
import type { BranchClassificationInput } from "@/features/classification/api/branch-input";
import { BallotMembersTable } from "@/features/classification/components/ballot-members-table";
import { LoadBranchModal } from "@/features/classification/components/load-branch-modal";
import { PointsMembersTable } from "@/features/classification/components/points-members-table";
import { PointsQuotaTable } from "@/features/classification/components/points-result";
import {
  blankPointsMember,
  examplePointsRows,
  nextPointsId,
  pointsPreviewRequest,
  type PointsRow,
} from "@/features/classification/components/points-rows";
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
import { usePointsT } from "@/features/classification/messages";
import { handlesReviews } from "@/lib/auth/permissions";
import { useCurrentUser } from "@/lib/auth/use-session";
import { methodOf } from "@/lib/classification/points";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type FieldMessage = { field: string; message: string };
/** What the engine is asked, in the shape of the rule set's method. */
type Request =
  | { method: "ballot"; body: PreviewRequest }
  | { method: "points"; body: PointsPreviewRequest };

/**
 * What-if: a made-up branch classified live by the engine the cycles use, to see how votes,
 * gates (M8–M11) and the quota (Q1–Q4) play out — or, under a points rule set (RULES-2025.md),
 * how the points, the tasks, the facts and the quota per group (S3–S9, C2) do. Nothing is saved.
 */
export function WhatIfPage() {
  const t = useT();
  const pt = usePointsT();
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
  // The rows under a points rule set, kept while a ballot rule set is chosen.
  const [pointsRows, setPointsRows] = useState<PointsRow[]>(examplePointsRows);
  const [request, setRequest] = useState<Request>(() => ({
    method: "ballot",
    body: previewRequest(settings, rows),
  }));
  const send = useDebouncedCallback(setRequest, 300).schedule;
  const ruleSets = useRuleSets();
  const ballot = useClassificationPreview(request.method === "ballot" ? request.body : null);
  const points = usePointsPreview(request.method === "points" ? request.body : null);

  const ruleSetOf = (name: string) => ruleSets.data?.find((ruleSet) => ruleSet.name === name);
  const ruleSet = ruleSetOf(settings.rule_set);
  const method = methodOf(ruleSet);
  const pointsInfo = ruleSet?.points;
  // S10: the rule set asks the branch to vote too: each person's tally is sent.
  const branchVote = pointsInfo?.branch_vote === true;

  const apply = (nextSettings: Settings, nextRows: Row[], nextPointsRows = pointsRows) => {
    setSettings(nextSettings);
    setRows(nextRows);
    setPointsRows(nextPointsRows);
    const nextRuleSet = ruleSetOf(nextSettings.rule_set);
    send(
      methodOf(nextRuleSet) === "points"
        ? {
            method: "points",
            body: pointsPreviewRequest(
              nextSettings,
              nextPointsRows,
              nextRuleSet?.points?.branch_vote === true,
            ),
          }
        : { method: "ballot", body: previewRequest(nextSettings, nextRows) },
    );
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
  const changePointsRow = (index: number, change: Partial<PointsRow>) =>
    apply(
      settings,
      rows,
      pointsRows.map((row, at) => (at === index ? { ...row, ...change } : row)),
    );

  // The answer shown is the one of the method on screen.
  const preview = method === "points" ? points : ballot;
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
  const data = ballot.isError ? undefined : ballot.data;
  const pointsData = points.isError ? undefined : points.data;
  const nameOf = (id: string | null | undefined) => rows.find((row) => row.member.id === id)?.name;

  const outstandingPercent = pointsInfo?.quota_outstanding_percent ?? 25;
  const outstandingLabel =
    method === "points"
      ? pt("points.outstanding", { percent: outstandingPercent })
      : t("whatIf.outstandingUnit");

  return (
    <Flex vertical gap={16} data-testid="what-if">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {method === "points" ? pt("points.intro") : t("whatIf.intro")}
      </Typography.Paragraph>
      {runsBranch && (
        <Flex gap={8} align="center" wrap>
          {/* A branch's current data comes in the ballot shape only, for now. */}
          <Button
            icon={<CloudDownloadOutlined />}
            disabled={method === "points"}
            onClick={() => setLoadingBranch(true)}
          >
            {t("whatIf.load")}
          </Button>
          {method === "points" && (
            <Typography.Text type="secondary">{pt("points.load.ballotOnly")}</Typography.Text>
          )}
        </Flex>
      )}
      {loadingBranch && (
        <LoadBranchModal onLoaded={loadBranch} onClose={() => setLoadingBranch(false)} />
      )}
      <Form layout="inline">
        <Form.Item label={t("whatIf.ruleSet")}>
          <Flex gap={8} align="center">
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
            {method === "points" && <Tag color="geekblue">{pt("points.method")}</Tag>}
          </Flex>
        </Form.Item>
        <Form.Item label={t("whatIf.referenceDate")}>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            value={dayjs(settings.reference_date)}
            onChange={(day) => day && changeSettings({ reference_date: toApiDay(day) })}
          />
        </Form.Item>
        <Form.Item
          label={outstandingLabel}
          tooltip={
            method === "points"
              ? pt("points.outstanding.tooltip", { percent: outstandingPercent })
              : t("whatIf.basis.Q3")
          }
        >
          <Switch
            aria-label={outstandingLabel}
            checked={settings.outstanding_unit}
            onChange={(checked) => changeSettings({ outstanding_unit: checked })}
          />
        </Form.Item>
      </Form>
      {method === "ballot" && data && (
        <OutcomeSummary t={t} preview={data} testId="what-if-summary" />
      )}
      {generalError && <Alert type="error" showIcon title={generalError} />}
      {method === "points" ? (
        <PointsMembersTable
          points={pointsInfo}
          branchVote={branchVote}
          rows={pointsRows}
          fieldErrors={fieldErrors}
          resultOf={(id) => pointsData?.results.find((result) => result.id === id)}
          onChangeRow={changePointsRow}
          onRemove={(index) =>
            apply(
              settings,
              rows,
              pointsRows.filter((_row, at) => at !== index),
            )
          }
        />
      ) : (
        <BallotMembersTable
          rows={rows}
          fieldErrors={fieldErrors}
          resultOf={(id) => data?.results.find((result) => result.id === id)}
          changeRow={changeRow}
          changeMember={changeMember}
          onRemove={(index) =>
            apply(
              settings,
              rows.filter((_row, at) => at !== index),
            )
          }
        />
      )}
      <div>
        {method === "points" ? (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              apply(settings, rows, [
                ...pointsRows,
                { name: "", member: blankPointsMember(nextPointsId(pointsRows)) },
              ])
            }
          >
            {pt("points.add")}
          </Button>
        ) : (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              apply(settings, [...rows, { name: "", member: blankMember(nextId(rows)) }])
            }
          >
            {t("whatIf.add")}
          </Button>
        )}
      </div>
      {method === "points" && pointsData && (
        <PointsQuotaTable
          quotas={pointsData.quotas}
          points={pointsInfo}
          outstanding={settings.outstanding_unit}
        />
      )}
      {method === "ballot" && data && data.warnings.length > 0 && (
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
