import {
  ApiOutlined,
  BarChartOutlined,
  GiftOutlined,
  SendOutlined,
  BookOutlined,
  TrophyOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  EditOutlined,
  FolderOpenOutlined,
  FileTextOutlined,
  FileSearchOutlined,
  ExperimentOutlined,
  DashboardOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LoginOutlined,
  MessageOutlined,
  QuestionCircleOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { MenuProps } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { canUse, readsOwnRecordOnly, seesSystemPages, type Area } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/use-t";

type Page = {
  path: string;
  label: MessageKey;
  /** The item's words for `me`, when they depend on who is signed in. */
  labelFor?: (me: Me) => MessageKey;
  icon: ReactNode;
  area?: Area;
  /** Only in the menu of administrators and committees (see `seesSystemPages`). */
  system?: boolean;
};

// The pages behind a login, each shown only to the roles that may use it.
const signedInPages: Page[] = [
  { path: "/", label: "menu.home", icon: <HomeOutlined /> },
  {
    path: "/organizations",
    label: "menu.organizations",
    icon: <ApartmentOutlined />,
    area: "organizations",
  },
  {
    path: "/members",
    label: "menu.members",
    // A member reads only their own record there.
    labelFor: (me) => (readsOwnRecordOnly(me) ? "menu.myRecord" : "menu.members"),
    icon: <IdcardOutlined />,
    area: "members",
  },
  { path: "/cycles", label: "menu.cycles", icon: <CalendarOutlined />, area: "cycles" },
  { path: "/my-review", label: "menu.myReview", icon: <EditOutlined />, area: "myReview" },
  { path: "/feedback", label: "menu.feedback", icon: <MessageOutlined />, area: "feedback" },
  {
    path: "/suggestions",
    label: "menu.suggestions",
    icon: <QuestionCircleOutlined />,
    area: "suggestions",
  },
  { path: "/what-if", label: "menu.whatIf", icon: <ExperimentOutlined />, area: "whatIf" },
  {
    path: "/org-classification",
    label: "menu.orgClassification",
    icon: <TrophyOutlined />,
    area: "orgClassification",
  },
  { path: "/rewards", label: "menu.rewards", icon: <GiftOutlined />, area: "rewards" },
  { path: "/reports", label: "menu.reports", icon: <BarChartOutlined />, area: "reports" },
  { path: "/dossiers", label: "menu.dossiers", icon: <FolderOpenOutlined />, area: "dossiers" },
  {
    path: "/party-reports",
    label: "menu.partyReports",
    icon: <FileTextOutlined />,
    area: "dossiers",
  },
  {
    path: "/appraisal-teams",
    label: "menu.appraisalTeams",
    icon: <FileSearchOutlined />,
    area: "dossiers",
  },
  {
    path: "/rule-sets",
    label: "menu.ruleSets",
    icon: <BookOutlined />,
    area: "ruleSets",
    system: true,
  },
  { path: "/users", label: "menu.users", icon: <TeamOutlined />, area: "users" },
  { path: "/audit", label: "menu.audit", icon: <AuditOutlined />, area: "audit" },
  {
    path: "/service-accounts",
    label: "menu.serviceAccounts",
    icon: <KeyOutlined />,
    area: "serviceAccounts",
  },
  { path: "/webhooks", label: "menu.webhooks", icon: <SendOutlined />, area: "webhooks" },
];

const loginPage: Page = { path: "/login", label: "menu.login", icon: <LoginOutlined /> };
const statusPage: Page = {
  path: "/status",
  label: "menu.status",
  icon: <DashboardOutlined />,
  system: true,
};

/** The menu for `me` (null: nobody is logged in, or who it is is not known yet). */
export function navigation(
  me: Me | null,
  signedIn: boolean,
  t: Translate,
): NonNullable<MenuProps["items"]> {
  const system = me !== null && seesSystemPages(me);
  const pages = me
    ? [...signedInPages, statusPage].filter(
        (page) =>
          (page.area === undefined || canUse(me, page.area)) && (system || !page.system),
      )
    : signedIn
      ? []
      : [loginPage];
  return [
    ...pages.map((page) => ({
      key: page.path,
      icon: page.icon,
      label: (
        <Link to={page.path}>{t(me && page.labelFor ? page.labelFor(me) : page.label)}</Link>
      ),
    })),
    ...(system
      ? [
          {
            key: "/api-docs/",
            icon: <ApiOutlined />,
            // Swagger UI is served by the backend, outside the SPA: a full page load.
            label: <a href="/api-docs/">{t("menu.apiDocs")}</a>,
          },
        ]
      : []),
  ];
}
