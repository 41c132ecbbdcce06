import { Flex, Table, Tag, Tooltip, Typography } from "antd";
import { reasonText } from "@/features/classification/components/points-labels";
import { usePointsT } from "@/features/classification/messages";
import { levelColor } from "@/lib/classification/labels";
import { pointsText, type PointsInfo } from "@/lib/classification/points";
import type { PointsPreviewResult, QuotaGroup } from "@/lib/classification/preview";
import { classificationLevelText } from "@/lib/domain/labels";
import { isOneOf } from "@/lib/domain/members";
import { useLocale, useT } from "@/lib/i18n/use-t";

const statuses = ["pending", "not_classified", "unresolved"] as const;

/** A row's result: its level (or why none), its total in points, each reason in words. */
export function PointsResultCell({
  result,
  errors,
  points,
}: {
  result: PointsPreviewResult | undefined;
  errors: { message: string }[];
  points: PointsInfo | null | undefined;
}) {
  const t = useT();
  const pt = usePointsT();
  const { locale } = useLocale();
  return (
    <Flex vertical gap={4} data-testid="points-result">
      {errors.map((error, at) => (
        <Typography.Text key={at} type="danger">
          {error.message}
        </Typography.Text>
      ))}
      {result && (
        <>
          <div>
            {result.status === "classified" && result.level ? (
              <Tag color={levelColor(result.level)}>{classificationLevelText(t, result.level)}</Tag>
            ) : (
              <Tag color={result.status === "unresolved" ? "orange" : "default"}>
                {isOneOf(statuses, result.status)
                  ? pt(`points.status.${result.status}`)
                  : result.status}
              </Tag>
            )}
          </div>
          <Typography.Text strong>
            {pt("points.total", { total: pointsText(result.total, locale) })}
          </Typography.Text>
          {result.reasons.map((reason) => (
            <Tooltip key={reason} title={pt("points.rule", { id: reason })}>
              <Typography.Text type="secondary" data-testid="points-reason">
                {reasonText(pt, reason, result, points)}
              </Typography.Text>
            </Tooltip>
          ))}
        </>
      )}
    </Flex>
  );
}

/** S7, C3: each quota group's G, its limit and its excellent (before and after the quota). */
export function PointsQuotaTable({
  quotas,
  points,
  outstanding,
}: {
  quotas: QuotaGroup[];
  points: PointsInfo | null | undefined;
  outstanding: boolean;
}) {
  const pt = usePointsT();
  const basis = points?.quota_basis === "good_or_better" ? "good_or_better" : "good";
  const percent = outstanding ? points?.quota_outstanding_percent : points?.quota_percent;
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {pt("points.quotas")}
      </Typography.Title>
      <Typography.Text type="secondary">
        {pt("points.quotas.hint", {
          basis: pt(`points.quotas.basis.${basis}`),
          percent: percent ?? "",
        })}
      </Typography.Text>
      <Table<QuotaGroup>
        data-testid="points-quotas"
        size="small"
        pagination={false}
        rowKey="group"
        dataSource={quotas}
        columns={[
          { title: pt("points.quotas.group"), key: "group", dataIndex: "group" },
          { title: pt("points.quotas.counted"), key: "counted", dataIndex: "counted" },
          { title: pt("points.quotas.limit"), key: "limit", dataIndex: "limit" },
          {
            title: pt("points.quotas.excellent"),
            key: "excellent",
            render: (_, quota) => (
              <Flex gap={8} align="baseline" wrap>
                <Typography.Text
                  strong
                  type={quota.excellent_before_quota > quota.limit ? "danger" : undefined}
                >
                  {quota.excellent}
                </Typography.Text>
                {quota.excellent_before_quota !== quota.excellent && (
                  <Typography.Text type="secondary">
                    {pt("points.quotas.before", { count: quota.excellent_before_quota })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
