import {
  ApiOutlined,
  DashboardOutlined,
  HomeOutlined,
} from "@ant-design/icons";
import { Flex, Layout, Menu, Segmented, Typography, type MenuProps } from "antd";
import { Link, Outlet, useLocation } from "react-router";
import { useLocale, useT } from "@/lib/i18n/use-t";
import type { Locale } from "@/lib/i18n/messages";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { pathname } = useLocation();
  const appTitle = `${t("app.name")} — ${t("app.tagline")}`;

  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined />, label: <Link to="/">{t("menu.home")}</Link> },
    {
      key: "/status",
      icon: <DashboardOutlined />,
      label: <Link to="/status">{t("menu.status")}</Link>,
    },
    {
      key: "/api-docs/",
      icon: <ApiOutlined />,
      // Swagger UI is served by the backend, outside the SPA: a full page load.
      label: <a href="/api-docs/">{t("menu.apiDocs")}</a>,
    },
  ];

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
        </Flex>
      </Header>
      <Layout>
        <Sider breakpoint="lg" collapsedWidth={0} width={240} theme="light">
          <Menu
            aria-label={t("menu.label")}
            mode="inline"
            selectedKeys={[pathname]}
            items={items}
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
