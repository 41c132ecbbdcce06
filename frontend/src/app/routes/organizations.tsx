import { Typography } from "antd";
import { OrganizationsPage } from "@/features/organizations/components/organizations-page";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function OrganizationsRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("org.title")}</Typography.Title>
      <OrganizationsPage me={me} />
    </>
  );
}
