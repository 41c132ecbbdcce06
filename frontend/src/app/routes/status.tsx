import { Typography } from "antd";
import { SystemStatus } from "@/features/health/components/system-status";
import { useT } from "@/lib/i18n/use-t";

export function StatusRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("status.title")}</Typography.Title>
      <SystemStatus />
    </>
  );
}
