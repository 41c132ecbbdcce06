import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Divider, Flex, Modal, Popover, Typography } from "antd";
import { useState } from "react";
import { RoleTag } from "@/components/ui/role-tag";
import { useLogout } from "@/features/auth/api/logout";
import { ChangePasswordForm } from "@/features/auth/components/change-password-form";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function UserMenu({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const { logout, loggingOut } = useLogout();
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

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
      {/* A service account (no user id) has no password of its own here. */}
      {me.id != null && (
        <Button
          icon={<KeyOutlined />}
          onClick={() => {
            setOpen(false);
            setChangingPassword(true);
          }}
        >
          {t("userMenu.changePassword")}
        </Button>
      )}
      <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={() => void logout()}>
        {t("userMenu.logout")}
      </Button>
    </Flex>
  );

  return (
    <>
      <Popover
        content={content}
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={setOpen}
      >
        <Button
          icon={<UserOutlined />}
          data-testid="user-menu-button"
          title={me.display_name}
          // On a phone a long name is cut short rather than pushed out of the header.
          style={{ maxWidth: "max(30vw, 120px)" }}
        >
          <span
            style={{
              minWidth: 0,
              overflow: "hidden",
              textOverflow: "ellipsis",
              whiteSpace: "nowrap",
            }}
          >
            {me.display_name}
          </span>
        </Button>
      </Popover>
      {changingPassword && (
        <Modal
          open
          title={t("password.title")}
          footer={null}
          destroyOnHidden
          onCancel={() => setChangingPassword(false)}
        >
          <ChangePasswordForm
            onChanged={() => {
              setChangingPassword(false);
              void message.success(t("password.changed"));
            }}
          />
        </Modal>
      )}
    </>
  );
}
