import { Typography } from "antd";
import { SuggestionsPage } from "@/features/cycles/components/suggestions-page";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function SuggestionsRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("menu.suggestions")}</Typography.Title>
      <SuggestionsPage me={me} />
    </>
  );
}
