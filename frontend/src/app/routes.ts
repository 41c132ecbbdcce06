import type { RouteObject } from "react-router";
import { RouteError } from "@/app/routes/route-error";
import { AppLayout } from "@/components/layouts/app-layout";
import { PageSpinner } from "@/components/ui/page-spinner";

// Each page is its own chunk, loaded when first visited.
export const routes: RouteObject[] = [
  {
    path: "/",
    Component: AppLayout,
    HydrateFallback: PageSpinner,
    ErrorBoundary: RouteError,
    children: [
      {
        // Also below the layout, so that a failing page keeps the header and menu.
        ErrorBoundary: RouteError,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import("@/app/routes/home")).HomeRoute }),
          },
          {
            path: "status",
            lazy: async () => ({
              Component: (await import("@/app/routes/status")).StatusRoute,
            }),
          },
          {
            path: "*",
            lazy: async () => ({
              Component: (await import("@/app/routes/not-found")).NotFoundRoute,
            }),
          },
        ],
      },
    ],
  },
];
