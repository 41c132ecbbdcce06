import { Drawer, Menu, type MenuProps } from "antd";
import type { ReactNode } from "react";

type AppMenuProps = {
  label: string;
  items: NonNullable<MenuProps["items"]>;
  selectedKey: string;
  /** A page was chosen. */
  onNavigate: () => void;
};

/** The app's menu (in the side bar on a desk, in the drawer on a phone). */
export function AppMenu({ label, items, selectedKey, onNavigate }: AppMenuProps) {
  return (
    <Menu
      aria-label={label}
      mode="inline"
      selectedKeys={[selectedKey]}
      items={items}
      onClick={onNavigate}
      style={{ height: "100%", borderInlineEnd: 0 }}
    />
  );
}

type MenuDrawerProps = {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
};

/** The menu's drawer on a phone, from the left. */
export function MenuDrawer({ title, open, onClose, children }: MenuDrawerProps) {
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      title={title}
      size={280}
      styles={{ body: { padding: 0 } }}
    >
      {children}
    </Drawer>
  );
}
