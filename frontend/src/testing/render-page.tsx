import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { App, ConfigProvider } from "antd";
import viVN from "antd/locale/vi_VN";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { I18nProvider } from "@/lib/i18n/i18n-provider";

/** One page of a feature with the app's providers, at `path` (a feature does not import the app). */
export function renderPage(page: ReactNode, path = "/") {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: "*", element: page }], { initialEntries: [path] });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ConfigProvider locale={viVN}>
          <App>
            <RouterProvider router={router} />
          </App>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}
