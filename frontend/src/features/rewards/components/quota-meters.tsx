import { Alert, Card, Empty, Flex, Progress, Spin, Tag, Typography } from "antd";
import { useQuotas, type QuotaLine, type Scope } from "@/features/rewards/api/rewards";
import { rewardText } from "@/features/rewards/components/labels";
import { useRewardsT } from "@/features/rewards/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** Each quota of W2–W5 as a meter: used out of the limit, with the rule and what it is based on. */
export function QuotaMeters({ scope }: { scope: Scope }) {
  const t = useT();
  const rt = useRewardsT();
  const quotas = useQuotas(scope);
  if (quotas.isPending) return <Spin />;
  if (quotas.isError) return <Alert type="error" showIcon title={errorMessage(quotas.error, t)} />;
  if (quotas.data.length === 0) return <Empty description={rt("rewards.quotas.empty")} />;
  return (
    <Flex gap={16} wrap>
      {quotas.data.map((line) => (
        <QuotaMeter key={`${line.reward}-${line.rule}-${line.basis}`} line={line} />
      ))}
    </Flex>
  );
}

function QuotaMeter({ line }: { line: QuotaLine }) {
  const rt = useRewardsT();
  const limit = line.limit ?? null;
  const full = limit !== null && line.used >= limit;
  return (
    <Card size="small" style={{ width: 320 }} data-testid={`quota-${line.reward}`}>
      <Flex vertical gap={4}>
        <span>
          <Tag color="blue">{line.rule}</Tag>
          {rewardText(rt, line.reward)}
        </span>
        <Progress
          aria-label={rewardText(rt, line.reward)}
          percent={limit === null || limit === 0 ? (full ? 100 : 0) : (line.used * 100) / limit}
          status={full ? "success" : "normal"}
          format={() =>
            limit === null
              ? rt("rewards.quota.unlimited", { used: line.used })
              : `${line.used}/${limit}`
          }
        />
        <Typography.Text type="secondary">{line.basis}</Typography.Text>
      </Flex>
    </Card>
  );
}
