import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Divider, Flex, Popover, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { RoleTag } from "@/components/ui/role-tag";
import { session } from "@/lib/auth/session";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function UserMenu({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);

  const logout = async () => {
    setLoggingOut(true);
    await session.logout();
    await navigate("/login", { replace: true });
  };

  const content = (
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
      <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={() => void logout()}>
        {t("userMenu.logout")}
      </Button>
    </Flex>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<UserOutlined />} data-testid="user-menu-button">
        {me.display_name}
      </Button>
    </Popover>
  );
}
