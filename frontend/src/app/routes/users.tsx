import { Typography } from "antd";
import { UsersPage } from "@/features/users/components/users-page";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function UsersRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("users.title")}</Typography.Title>
      <UsersPage me={me} />
    </>
  );
}
