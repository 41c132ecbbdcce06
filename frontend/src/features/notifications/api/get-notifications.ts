import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Notification = components["schemas"]["Notification"];

/** The bell's query key: any action invalidates it (see the app's QueryClient). */
export const notificationsQueryKey = ["notifications"] as const;

/** The most the bell lists at once; its count is the whole number (`total`). */
export const BELL_PER_PAGE = 50;

/** The first page of what is due to the signed-in user, with how many there are in all. */
export function useNotifications() {
  return useQuery({
    queryKey: [...notificationsQueryKey, { per_page: BELL_PER_PAGE }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/notifications", { params: { query: { per_page: BELL_PER_PAGE } } }),
      ),
    refetchInterval: 60_000,
  });
}
