import { Card, Descriptions, Flex, Progress, Tag, theme, Typography } from "antd";
import type { QuotaGroupInfo } from "@/features/points-year/api/points";
import { usePointsT } from "@/features/points-year/messages";

type Props = {
  quotas: QuotaGroupInfo[];
  /** The quota's percent of G in force (S7: 20%, 25% for outstanding results), when known. */
  percent?: number;
  /** Ties of `group` chosen excellent by the competent level (being chosen, or decided). */
  chosen: (group: string) => number;
};

/**
 * Each quota group's excellent (S7) as a meter: excellent out of the limit, G, the excellent
 * by points before the quota, and the ties chosen excellent, live while they are chosen.
 */
export function QuotaGroupMeters({ quotas, percent, chosen }: Props) {
  return (
    <Flex gap={16} wrap data-testid="points-quotas">
      {quotas.map((quota) => (
        <QuotaGroupMeter
          key={quota.group}
          quota={quota}
          percent={percent}
          chosen={chosen(quota.group)}
        />
      ))}
    </Flex>
  );
}

function QuotaGroupMeter({
  quota,
  percent,
  chosen,
}: {
  quota: QuotaGroupInfo;
  percent?: number;
  chosen: number;
}) {
  const pt = usePointsT();
  const { token } = theme.useToken();
  const excellent = quota.excellent + chosen;
  const over = excellent > quota.limit;
  const full = !over && quota.limit > 0 && excellent === quota.limit;
  return (
    <Card size="small" style={{ width: 320 }} data-testid={`quota-group-${quota.group}`}>
      <Flex vertical gap={4}>
        <span>
          <Tag color="blue">S7</Tag>
          <Typography.Text strong>{quota.group}</Typography.Text>
        </span>
        <Progress
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
          ]}
        />
      </Flex>
    </Card>
  );
}
