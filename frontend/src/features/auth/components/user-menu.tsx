import { UserOutlined } from "@ant-design/icons";
import { App, Button, Modal, Popover, Spin } from "antd";
import { lazy, Suspense, useState } from "react";
import type { Me } from "@/lib/auth/use-session";
import { withMessages } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";

// What the menu opens, and the password form (antd's Typography, Form and inputs), are loaded
// when first needed: the header is on every page, they are no part of the first load.
const UserMenuPanel = lazy(async () => ({
  default: (await withMessages(import("@/features/auth/components/user-menu-panel"))).UserMenuPanel,
}));
const ChangePasswordForm = lazy(async () => ({
  default: (await withMessages(import("@/features/auth/components/change-password-form")))
    .ChangePasswordForm,
}));

export function UserMenu({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <>
      <Popover
        content={
          <Suspense fallback={<Spin size="small" />}>
            <UserMenuPanel
              me={me}
              onChangePassword={() => {
                setOpen(false);
                setChangingPassword(true);
              }}
            />
          </Suspense>
        }
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
          <Suspense fallback={<Spin />}>
            <ChangePasswordForm
              onChanged={() => {
                setChangingPassword(false);
                void message.success(t("password.changed"));
              }}
            />
          </Suspense>
        </Modal>
      )}
    </>
  );
}
