import { Alert, Button, Card, Flex, Typography } from "antd";
import { useLogout } from "@/features/auth/api/logout";
import { ChangePasswordForm } from "@/features/auth/components/change-password-form";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

/**
 * In place of the whole app while the user's password was set by someone else: the API refuses
 * everything else until it is changed. Once changed, the app shows the page asked for.
 */
export function ChangePasswordPage({ me }: { me: Me }) {
  const t = useT();
  const { logout, loggingOut } = useLogout();
  return (
    <Flex justify="center" style={{ padding: "48px 16px" }} data-testid="change-password-page">
      <title>{`${t("password.title")} — ${t("app.name")}`}</title>
      <Card style={{ width: "100%", maxWidth: 440 }}>
        <Typography.Title level={2}>{t("password.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.display_name} ({me.username})
        </Typography.Paragraph>
        <Alert type="warning" showIcon title={t("password.required")} style={{ marginBottom: 16 }} />
        <ChangePasswordForm />
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button type="link" loading={loggingOut} onClick={() => void logout()}>
            {t("userMenu.logout")}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}
