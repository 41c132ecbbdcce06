import { Typography } from "antd";
import { CyclesPage } from "@/features/cycles/components/cycles-page";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function CyclesRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("cycles.title")}</Typography.Title>
      <CyclesPage me={me} />
    </>
  );
}
