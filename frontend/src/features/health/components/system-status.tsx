import { ReloadOutlined } from "@ant-design/icons";
import { Button, Descriptions, Result, Spin, Typography } from "antd";
import { ApiError } from "@/api/problem";
import {
  useHealthReady,
  type HealthReady,
} from "@/features/health/api/get-health-ready";
import { formatDateTimeSeconds } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

const databaseNames: Record<HealthReady["database"], string> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
};

export function SystemStatus() {
  const t = useT();
  const query = useHealthReady();

  if (query.isPending) {
    return (
      <Result
        data-testid="status-checking"
        icon={<Spin size="large" />}
        title={t("status.checking")}
      />
    );
  }

  const checkedAt = query.isError ? query.errorUpdatedAt : query.dataUpdatedAt;
  const recheck = (
    <Button
      data-testid="status-recheck"
      icon={<ReloadOutlined />}
      loading={query.isFetching}
      onClick={() => void query.refetch()}
    >
      {t("status.recheck")}
    </Button>
  );
  const details = (
    <>
      <Descriptions column={1} bordered size="small">
        {query.isSuccess && (
          <Descriptions.Item label={t("status.database")}>
            <span data-testid="status-database">
              {databaseNames[query.data.database]}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("status.checkedAt")}>
          <span data-testid="status-checked-at">{formatDateTimeSeconds(checkedAt)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("status.autoRefresh")}
      </Typography.Paragraph>
    </>
  );

  if (query.isSuccess) {
    return (
      <Result
        data-testid="status-ready"
        status="success"
        title={t("status.ready")}
        extra={recheck}
      >
        {details}
      </Result>
    );
  }

  // The server answered with a problem (e.g. 503 database_unavailable): show its detail.
  if (query.error instanceof ApiError && query.error.problem !== null) {
    return (
      <Result
        data-testid="status-not-ready"
        status="error"
        title={t("status.notReady")}
        subTitle={<span data-testid="status-detail">{query.error.message}</span>}
        extra={recheck}
      >
        {details}
      </Result>
    );
  }

  return (
    <Result
      data-testid="status-unreachable"
      status="error"
      title={t("status.unreachable")}
      subTitle={t("status.unreachable.detail")}
      extra={recheck}
    >
      {details}
    </Result>
  );
}
