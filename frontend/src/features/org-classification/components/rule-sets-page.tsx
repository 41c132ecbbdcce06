import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Table, Tag, Typography } from "antd";
import { useState, type Key } from "react";
import { useRuleSets, type RuleSet } from "@/features/org-classification/api/rule-sets";
import {
  methodText,
  pointsBasisText,
  quotaBasisText,
  quotaScopeText,
  thresholdText,
} from "@/features/org-classification/components/labels";
import { MemberRules } from "@/features/org-classification/components/member-rules";
import { PointsDetails } from "@/features/org-classification/components/points-details";
import { RuleSetFormModal } from "@/features/org-classification/components/rule-set-form";
import { useOrgT } from "@/features/org-classification/messages";
import { isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { methodOf, pointsText } from "@/lib/classification/points";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/**
 * The rule sets the cycles choose from, with their key parameters (administrators add more),
 * and below them the rules a member's classification result names.
 */
export function RuleSetsPage({ me }: { me: Me }) {
  const t = useT();
  const ot = useOrgT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const ruleSets = useRuleSets();
  const [creating, setCreating] = useState(false);
  // The points rule sets show their frames, items and facts below their row, open at first.
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const data = ruleSets.data ?? [];
  const expandedKeys =
    expanded ?? data.filter((ruleSet) => ruleSet.points).map((ruleSet) => ruleSet.name);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {ot("ruleSets.intro")}
      </Typography.Paragraph>
      {isAdmin(me) && data.length > 0 && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {ot("ruleSets.create")}
          </Button>
        </div>
      )}
      {ruleSets.isError && (
        <Alert type="error" showIcon title={errorMessage(ruleSets.error, t)} />
      )}
      <Table<RuleSet>
        data-testid="rule-sets-table"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={ruleSets.isPending}
        rowKey="name"
        dataSource={data}
        expandable={{
          rowExpandable: (ruleSet) => Boolean(ruleSet.points),
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: setExpanded,
          expandedRowRender: (ruleSet) =>
            ruleSet.points && (
              <PointsDetails points={ruleSet.points} testId={`points-details-${ruleSet.name}`} />
            ),
        }}
        columns={[
          {
            title: ot("ruleSets.name"),
            key: "name",
            render: (_, ruleSet) => <Typography.Text strong>{ruleSet.name}</Typography.Text>,
          },
          {
            title: ot("ruleSets.method"),
            key: "method",
            render: (_, ruleSet) => {
              const method = methodOf(ruleSet);
              return (
                <Tag color={method === "points" ? "geekblue" : "default"}>
                  {methodText(ot, method)}
                </Tag>
              );
            },
          },
          {
            title: ot("ruleSets.basedOn"),
            key: "based_on",
            render: (_, ruleSet) => ruleSet.based_on ?? <Tag>{ot("ruleSets.builtIn")}</Tag>,
          },
          {
            title: ot("ruleSets.thresholds"),
            key: "thresholds",
            render: (_, ruleSet) =>
              ruleSet.points ? (
                // The points method has no vote thresholds: its bands (S5) instead.
                ot("ruleSets.points.bands", {
                  excellent: pointsText(ruleSet.points.band_excellent, locale),
                  good: pointsText(ruleSet.points.band_good, locale),
                  completed: pointsText(ruleSet.points.band_completed, locale),
                })
              ) : (
                <Flex vertical>
                  <span>
                    {ot("ruleSets.excellent")}: {thresholdText(ruleSet.excellent_threshold)}
                  </span>
                  <span>
                    {ot("ruleSets.pass")}: {thresholdText(ruleSet.pass_threshold)}
                  </span>
                </Flex>
              ),
          },
          {
            title: ot("ruleSets.quota"),
            key: "quota",
            render: (_, { points, ...ruleSet }) => (
              <Flex vertical>
                <span>
                  {points
                    ? ot("ruleSets.points.quotaValue", {
                        percent: points.quota_percent,
                        basis: pointsBasisText(ot, points.quota_basis),
                      })
                    : ot("ruleSets.quotaValue", {
                        percent: ruleSet.quota_percent,
                        basis: quotaBasisText(ot, ruleSet.quota_basis),
                      })}
                </span>
                <Typography.Text type="secondary">
                  {points
                    ? ot("ruleSets.points.outstandingValue", {
                        percent: points.quota_outstanding_percent,
                        scope: quotaScopeText(ot, points.quota_scope),
                      })
                    : ot("ruleSets.outstandingValue", { percent: ruleSet.outstanding_percent })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: ot("ruleSets.smallBranch"),
            key: "small_branch",
            render: (_, ruleSet) =>
              // S7: the points method has no small-branch cap.
              ruleSet.points
                ? ot("ruleSets.notApplicable")
                : ot("ruleSets.smallBranchValue", {
                    size: ruleSet.small_branch_size,
                    cap: ruleSet.small_branch_cap,
                  }),
          },
          {
            title: ot("ruleSets.months"),
            key: "months",
            render: (_, ruleSet) =>
              ruleSet.points
                ? ot("ruleSets.points.monthsValue", { new: ruleSet.points.new_member_months })
                : ot("ruleSets.monthsValue", {
                    new: ruleSet.new_member_months,
                    absence: ruleSet.long_absence_months,
                    discipline: ruleSet.discipline_term_months,
                  }),
          },
          {
            title: ot("ruleSets.sheet"),
            key: "sheet",
            render: (_, { org_sheet: sheet }) => (
              <Flex vertical>
                <span>
                  {ot("ruleSets.sheetValue", {
                    criteria: sheet.criteria.length,
                    total: sheet.criteria.reduce((sum, criterion) => sum + criterion.max, 0),
                  })}
                </span>
                <Typography.Text type="secondary">
                  {ot("ruleSets.cutOffs", {
                    clean_strong: sheet.clean_strong,
                    good: sheet.good,
                    completed: sheet.completed,
                  })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: ot("ruleSets.orgQuota"),
            key: "org_quota",
            render: (_, { org_quota: quota }) =>
              ot("ruleSets.orgQuotaValue", {
                clean_strong: quota.clean_strong_percent,
                exemplary: quota.exemplary_percent,
                outstanding: quota.outstanding_unit_percent,
              }),
          },
        ]}
      />
      <MemberRules ready={!ruleSets.isPending} />
      {creating && (
        <RuleSetFormModal
          ruleSets={data}
          onClose={() => setCreating(false)}
          onCreated={(ruleSet) => {
            setCreating(false);
            void message.success(ot("ruleSets.created", { name: ruleSet.name }));
          }}
        />
      )}
    </Flex>
  );
}
