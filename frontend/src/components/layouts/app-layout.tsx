import { MenuOutlined } from "@ant-design/icons";
import { Button, Flex, Grid, Layout, Segmented, type MenuProps } from "antd";
import { lazy, Suspense, useState, type CSSProperties, type ReactNode } from "react";
import { Outlet, useLocation } from "react-router";
import type { Locale } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/lib/i18n/use-t";

const { Header, Sider, Content } = Layout;

// The menu (antd's Menu, and on a phone its Drawer) is loaded with the first page, not before it:
// the login page does not need it, and on a phone it stays behind ☰.
const AppMenu = lazy(async () => ({
  default: (await import("@/components/layouts/app-menu")).AppMenu,
}));
const MenuDrawer = lazy(async () => ({
  default: (await import("@/components/layouts/app-menu")).MenuDrawer,
}));

const titleStyle: CSSProperties = {
  color: "#fff",
  fontSize: 18,
  fontWeight: 600,
  lineHeight: 1.4,
  margin: 0,
  flex: 1,
  minWidth: 0,
  overflow: "hidden",
  textOverflow: "ellipsis",
  whiteSpace: "nowrap",
};

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

/**
 * A phone or a narrow window: below antd's md breakpoint. Before the breakpoints are known (and
 * where none answers, as in tests) the desktop layout.
 */
function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return Boolean(screens.xs || screens.sm) && !screens.md;
}

export function AppLayout({ navItems, headerExtra }: Props) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { pathname } = useLocation();
  const narrow = useNarrow();
  // The drawer is open on the page where it was opened: choosing a page (from the drawer or a
  // link) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const drawerOpen = openOn === pathname;
  const setDrawerOpen = (open: boolean) => setOpenOn(open ? pathname : null);
  const appTitle = `${t("app.name")} — ${t("app.tagline")}`;

  const localeSwitch = (
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
  );
  const menu = (
    <Suspense fallback={null}>
      <AppMenu
        label={t("menu.label")}
        items={navItems}
        selectedKey={selectedKey(navItems, pathname)}
        onNavigate={() => setDrawerOpen(false)}
      />
    </Suspense>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <title>{appTitle}</title>
      <Header style={narrow ? { paddingInline: 12 } : undefined}>
        <Flex
          align="center"
          justify="space-between"
          gap={narrow ? 8 : 16}
          style={{ height: "100%" }}
        >
          {narrow && (
            <Button
              type="text"
              aria-label={t("menu.open")}
              data-testid="menu-button"
              onClick={() => setDrawerOpen(true)}
              icon={<MenuOutlined style={{ color: "#fff", fontSize: 18 }} />}
            />
          )}
          {/* A plain heading, not antd's Typography (whose editing and copying bring its form
              and inputs into the first load): one line, cut short with an ellipsis. */}
          <h1 title={appTitle} style={titleStyle}>
            {narrow ? t("app.name") : appTitle}
          </h1>
          <Flex align="center" gap={narrow ? 4 : 12} style={{ minWidth: 0, flexShrink: 1 }}>
            {!narrow && localeSwitch}
            {headerExtra}
          </Flex>
        </Flex>
      </Header>
      <Layout>
        {narrow ? (
          <Suspense fallback={null}>
            <MenuDrawer
              title={t("menu.label")}
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
            >
              {/* On a phone the header has no room for the language: it heads the menu. */}
              <div style={{ padding: 12 }}>{localeSwitch}</div>
              {menu}
            </MenuDrawer>
          </Suspense>
        ) : (
          <Sider breakpoint="lg" collapsedWidth={0} width={240} theme="light">
            {menu}
          </Sider>
        )}
        <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
