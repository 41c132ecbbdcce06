import { Card, Flex, Typography } from "antd";
import { Navigate, useSearchParams } from "react-router";
import { LoginForm } from "@/features/auth/components/login-form";
import { useSignedIn } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

/** Where to go after logging in: a path of this app only, never another site. */
function nextPath(next: string | null): string {
  return next !== null && /^\/(?![/\\])/.test(next) ? next : "/";
}

export function LoginRoute() {
  const t = useT();
  const signedIn = useSignedIn();
  const [params] = useSearchParams();

  if (signedIn) return <Navigate to={nextPath(params.get("next"))} replace />;
  return (
    <Flex justify="center" style={{ paddingTop: 48 }}>
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <Typography.Title level={2}>{t("login.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("login.intro")}</Typography.Paragraph>
        <LoginForm />
      </Card>
    </Flex>
  );
}
