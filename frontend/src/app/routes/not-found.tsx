import { Button, Result } from "antd";
import { Link } from "react-router";
import { useT } from "@/lib/i18n/use-t";

export function NotFoundRoute() {
  const t = useT();
  return (
    <Result
      data-testid="not-found"
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.subtitle")}
      extra={
        <Link to="/">
          <Button type="primary">{t("notFound.back")}</Button>
        </Link>
      }
    />
  );
}
