import { Result } from "antd";
import { useT } from "@/lib/i18n/use-t";

export function ForbiddenRoute() {
  const t = useT();
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title={t("forbidden.title")}
      subTitle={t("forbidden.subtitle")}
    />
  );
}
