import { Flex, Layout, Menu, Segmented, Typography, type MenuProps } from "antd";
import type { ReactNode } from "react";
import { Outlet, useLocation } from "react-router";
import type { Locale } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/lib/i18n/use-t";

const { Header, Sider, Content } = Layout;

type Props = {
  /** The menu; each item's key is the path it leads to. */
  navItems: NonNullable<MenuProps["items"]>;
  /** Shown at the end of the header (the user menu). */
  headerExtra?: ReactNode;
};

/** The menu item of the page at `pathname`: its own, or the one of the page it lies below. */
function selectedKey(navItems: Props["navItems"], pathname: string): string {
  const keys = navItems.flatMap((item) => (item && typeof item.key === "string" ? [item.key] : []));
  const below = keys.filter((key) => key !== "/" && pathname.startsWith(`${key}/`));
  return keys.includes(pathname)
    ? pathname
    : (below.sort((a, b) => b.length - a.length)[0] ?? pathname);
}

export function AppLayout({ navItems, headerExtra }: Props) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { pathname } = useLocation();
  const appTitle = `${t("app.name")} — ${t("app.tagline")}`;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <title>{appTitle}</title>
      <Header>
        <Flex align="center" justify="space-between" gap={16} style={{ height: "100%" }}>
          <Typography.Title
            level={1}
            ellipsis
            style={{ color: "#fff", fontSize: 18, margin: 0 }}
          >
            {appTitle}
          </Typography.Title>
          <Flex align="center" gap={12}>
            <Segmented<Locale>
              data-testid="locale-switch"
              aria-label={t("locale.label")}
              value={locale}
              onChange={setLocale}
              options={[
                { value: "vi", label: t("locale.vi") },
                { value: "en", label: t("locale.en") },
              ]}
            />
            {headerExtra}
          </Flex>
        </Flex>
      </Header>
      <Layout>
        <Sider breakpoint="lg" collapsedWidth={0} width={240} theme="light">
          <Menu
            aria-label={t("menu.label")}
            mode="inline"
            selectedKeys={[selectedKey(navItems, pathname)]}
            items={navItems}
            style={{ height: "100%", borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
