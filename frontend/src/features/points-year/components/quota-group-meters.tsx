import { Card, Descriptions, Flex, Progress, Tag, theme, Typography } from "antd";
import type { GroupOverLimit, QuotaGroupInfo } from "@/features/points-year/api/points";
import { usePointsT } from "@/features/points-year/messages";

type Props = {
  quotas: QuotaGroupInfo[];
  /** The quota's percent of G in force (S7: 20%, 25% for outstanding results), when known. */
  percent?: number;
  /** Ties of `group` chosen excellent by the competent level (being chosen, or decided). */
  chosen: (group: string) => number;
  /** S7 after the decision: the groups whose standing excellent results exceed the limit. */
  overLimit?: readonly GroupOverLimit[];
  /** The rule the quota applies (S7 for members, C3 for collectives). */
  rule?: string;
  /** Who a group counts, in words, under its name (e.g. the organisation's peers, C3). */
  caption?: (group: string) => string | undefined;
};

/**
 * Each quota group's excellent (S7) as a meter: excellent out of the limit, G, the excellent
 * by points before the quota, and the ties chosen excellent, live while they are chosen; after
 * the decision, a group over its limit (a re-rating lowered G) with its standing excellent.
 */
export function QuotaGroupMeters({
  quotas,
  percent,
  chosen,
  overLimit = [],
  rule = "S7",
  caption = () => undefined,
}: Props) {
  return (
    <Flex gap={16} wrap data-testid="points-quotas">
      {quotas.map((quota) => (
        <QuotaGroupMeter
          key={quota.group}
          quota={quota}
          percent={percent}
          chosen={chosen(quota.group)}
          standing={overLimit.find((group) => group.group === quota.group)?.excellent}
          rule={rule}
          caption={caption(quota.group)}
        />
      ))}
    </Flex>
  );
}

function QuotaGroupMeter({
  quota,
  percent,
  chosen,
  standing,
  rule,
  caption,
}: {
  quota: QuotaGroupInfo;
  percent?: number;
  chosen: number;
  /** The standing excellent results, when over the limit after a re-rating (S7). */
  standing?: number;
  rule: string;
  caption?: string;
}) {
  const pt = usePointsT();
  const { token } = theme.useToken();
  const excellent = standing ?? quota.excellent + chosen;
  const over = excellent > quota.limit;
  const full = !over && quota.limit > 0 && excellent === quota.limit;
  return (
    <Card size="small" style={{ width: 320 }} data-testid={`quota-group-${quota.group}`}>
      <Flex vertical gap={4}>
        <span>
          <Tag color="blue">{rule}</Tag>
          <Typography.Text strong>{quota.group}</Typography.Text>
        </span>
        {caption && (
          <Typography.Text type="secondary" data-testid="quota-caption">
            {caption}
          </Typography.Text>
        )}
        <Progress
          aria-label={quota.group}
          percent={
            quota.limit === 0
              ? excellent > 0
                ? 100
                : 0
              : Math.min(100, (excellent * 100) / quota.limit)
          }
          status={over ? "exception" : "normal"}
          strokeColor={full ? token.colorWarning : undefined}
          format={() => `${excellent}/${quota.limit}`}
        />
        {(over || full) && (
          <Typography.Text type={over ? "danger" : "warning"}>
            {pt(over ? "quota.over" : "quota.atLimit")}
          </Typography.Text>
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: "counted", label: pt("quota.counted"), children: quota.counted },
            {
              key: "limit",
              label: pt("quota.limit"),
              children:
                percent === undefined
                  ? quota.limit
                  : pt("quota.limitOf", { limit: quota.limit, percent }),
            },
            { key: "before", label: pt("quota.before"), children: quota.excellent_before_quota },
            { key: "excellent", label: pt("quota.excellent"), children: quota.excellent },
            ...(chosen > 0
              ? [{ key: "chosen", label: pt("quota.chosen"), children: chosen }]
              : []),
            ...(standing !== undefined
              ? [{ key: "standing", label: pt("quota.standing"), children: standing }]
              : []),
          ]}
        />
      </Flex>
    </Card>
  );
}
