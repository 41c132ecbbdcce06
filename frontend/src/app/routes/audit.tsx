import { Typography } from "antd";
import { AuditPage } from "@/features/audit/components/audit-page";
import { useT } from "@/lib/i18n/use-t";

export function AuditRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("audit.title")}</Typography.Title>
      <AuditPage />
    </>
  );
}
