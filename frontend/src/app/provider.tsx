import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { App as AntdApp, ConfigProvider } from "antd";
// The ES modules: en_US is antd's default (already in its core), and `antd/locale/…` would add
// CommonJS copies of both to the first load.
import enUS from "antd/es/locale/en_US";
import viVN from "antd/es/locale/vi_VN";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/api/problem";
import { agendaQueryKey } from "@/features/agenda/api/get-agenda";
import { notificationsQueryKey } from "@/features/notifications/api/get-notifications";
import { isPasswordChangeRequired, requirePasswordChange } from "@/lib/auth/password";
import { useClearCacheOnSessionEnd } from "@/lib/auth/use-session";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/messages";
import { useLocale } from "@/lib/i18n/use-t";

const antdLocales = { vi: viVN, en: enUS } satisfies Record<Locale, unknown>;

function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={antdLocales[locale]} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

function SessionCache({ children }: { children: ReactNode }) {
  useClearCacheOnSessionEnd();
  return children;
}

/**
 * The party's red, and text colours that keep a 4.5:1 contrast on white (WCAG 2.1 AA, checked
 * by axe in the e2e run): antd's defaults for secondary text, placeholders, links and errors
 * fall below it.
 */
const theme = {
  token: {
    colorPrimary: "#c8102e",
    colorLink: "#a50d26",
    colorError: "#cf1322",
    colorTextDescription: "rgba(0, 0, 0, 0.62)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
  },
  components: {
    // An empty table says so in words people must be able to read (not a disabled grey).
    Table: { colorTextDisabled: "rgba(0, 0, 0, 0.55)" },
    // A coloured tag's text on its light background: the shades of antd's palettes that keep
    // 4.5:1 (the default 7th shade does not for these).
    Tag: {
      green7: "#237804",
      gold7: "#874d00",
      orange7: "#ad4e00",
      volcano7: "#ad2102",
      cyan7: "#006d75",
      lime7: "#3f6600",
      yellow7: "#876800",
    },
  },
};

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    // Any request refused with 403 `password_change_required` puts the change-password page in
    // place of the app (the root route shows it while the signed-in user must change it).
    const onError = (error: unknown) => {
      if (isPasswordChangeRequired(error)) requirePasswordChange(queryClient);
    };
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({
        onError,
        // Whatever the user just did may have done or added an item of their agenda: the bell
        // and the home page ask again.
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: agendaQueryKey });
          void queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
        },
      }),
      defaultOptions: {
        queries: {
          // A 4xx answer will not change on its own: show it at once. Retry the rest once.
          retry: (failures, error) =>
            failures < 1 && !(error instanceof ApiError && error.status < 500),
        },
      },
    });
    return queryClient;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <SessionCache>
        <I18nProvider>
          <AntdProvider>{children}</AntdProvider>
        </I18nProvider>
      </SessionCache>
    </QueryClientProvider>
  );
}
