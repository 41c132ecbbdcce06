import { Button } from "antd";
import { Failure } from "@/components/ui/failure";
import { useT } from "@/lib/i18n/use-t";

// Shown when a route fails to render or its lazy chunk fails to load (e.g. after a new release).
export function RouteError() {
  const t = useT();
  return (
    <Failure
      data-testid="route-error"
      title={t("routeError.title")}
      subTitle={t("routeError.subtitle")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("routeError.reload")}
        </Button>
      }
    />
  );
}
