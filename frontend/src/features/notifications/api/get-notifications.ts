import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Notification = components["schemas"]["Notification"];

/** The bell's query key: any action invalidates it (see the app's QueryClient). */
export const notificationsQueryKey = ["notifications"] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsQueryKey,
    queryFn: () => unwrap(client.GET("/api/v1/notifications")),
    refetchInterval: 60_000,
  });
}
