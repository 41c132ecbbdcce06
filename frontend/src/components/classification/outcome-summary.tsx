import { Card, Col, Progress, Row, Space, Statistic, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { quotaBasisText } from "@/lib/classification/labels";
import type { Preview } from "@/lib/classification/preview";
import type { Translate } from "@/lib/i18n/use-t";

/** The quota on excellent as a meter: excellent/limit, the rule that set the limit, and G. */
export function QuotaMeter({ t, quota }: { t: Translate; quota: Preview["quota"] }) {
  const percent =
    quota.limit > 0 ? Math.min(100, Math.round((quota.excellent * 100) / quota.limit)) : 0;
  const over = quota.excellent_before_quota > quota.limit;
  return (
    <div data-testid="quota-meter">
      <Space>
        <Typography.Text strong>{t("whatIf.quota")}</Typography.Text>
        <Tooltip title={quotaBasisText(t, quota.basis)}>
          <Tag color="purple">{quota.basis}</Tag>
        </Tooltip>
      </Space>
      <Progress
        aria-label={t("whatIf.quota")}
        percent={percent}
        status={over ? "exception" : "normal"}
        format={() => `${quota.excellent}/${quota.limit}`}
      />
      <Typography.Text type="secondary">
        {t("whatIf.quota.detail", {
          before: quota.excellent_before_quota,
          counted: quota.counted,
        })}
      </Typography.Text>
    </div>
  );
}

/**
 * D, the voters present, the members registered, and the quota on excellent as a meter.
 * `denominatorLabel` names D as the page's users know it; the meter waits for a quota.
 */
export function OutcomeSummary({
  t,
  preview,
  testId,
  denominatorLabel = t("whatIf.denominator"),
  extra,
}: {
  t: Translate;
  preview: Pick<Preview, "denominator" | "voters_present" | "registered"> & {
    quota?: Preview["quota"];
  };
  testId: string;
  denominatorLabel?: string;
  extra?: ReactNode;
}) {
  return (
    <Card size="small" data-testid={testId}>
      <Row gutter={16} align="middle">
        <Col xs={8} md={4}>
          <Statistic title={denominatorLabel} value={preview.denominator} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title={t("whatIf.votersPresent")} value={preview.voters_present} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title={t("whatIf.registered")} value={preview.registered} />
        </Col>
        {preview.quota && (
          <Col xs={24} md={12}>
            <QuotaMeter t={t} quota={preview.quota} />
          </Col>
        )}
      </Row>
      {extra}
    </Card>
  );
}
