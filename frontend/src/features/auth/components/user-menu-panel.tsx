import { KeyOutlined, LogoutOutlined } from "@ant-design/icons";
import { Button, Divider, Flex, Typography } from "antd";
import { RoleTag } from "@/components/ui/role-tag";
import { useLogout } from "@/features/auth/api/logout";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

type Props = {
  me: Me;
  /** The user asked to change their password (the menu closes, the dialog opens). */
  onChangePassword: () => void;
};

/** What the user menu opens: who is signed in, their roles, the password and the logout. */
export function UserMenuPanel({ me, onChangePassword }: Props) {
  const t = useT();
  const { logout, loggingOut } = useLogout();
  return (
    <Flex vertical gap={8} style={{ maxWidth: 360 }} data-testid="user-menu">
      <div>
        <Typography.Text strong>{me.display_name}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{me.username}</Typography.Text>
      </div>
      <Flex wrap gap={4} aria-label={t("userMenu.roles")}>
        {me.roles.length === 0 ? (
          <Typography.Text type="secondary">{t("userMenu.noRoles")}</Typography.Text>
        ) : (
          me.roles.map((assignment) => <RoleTag key={assignment.id} assignment={assignment} />)
        )}
      </Flex>
      <Divider style={{ margin: "4px 0" }} />
      {/* A service account (no user id) has no password of its own here. */}
      {me.id != null && (
        <Button icon={<KeyOutlined />} onClick={onChangePassword}>
          {t("userMenu.changePassword")}
        </Button>
      )}
      <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={() => void logout()}>
        {t("userMenu.logout")}
      </Button>
    </Flex>
  );
}
