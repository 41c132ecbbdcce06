import { Typography } from "antd";
import { ServiceAccountsPage } from "@/features/service-accounts/components/service-accounts-page";
import { useT } from "@/lib/i18n/use-t";

export function ServiceAccountsRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("sa.title")}</Typography.Title>
      <ServiceAccountsPage />
    </>
  );
}
