import { Typography } from "antd";
import { MembersPage } from "@/features/members/components/members-page";
import { readsOwnRecordOnly } from "@/lib/auth/permissions";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function MembersRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>
        {t(readsOwnRecordOnly(me) ? "menu.myRecord" : "members.title")}
      </Typography.Title>
      <MembersPage me={me} />
    </>
  );
}
