import { Typography } from "antd";
import { ImportPage } from "@/features/members/components/import-page";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function MemberImportRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("import.title")}</Typography.Title>
      <ImportPage me={me} />
    </>
  );
}
