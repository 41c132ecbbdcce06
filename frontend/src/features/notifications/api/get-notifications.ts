import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Notification = components["schemas"]["Notification"];

export function useNotifications() {
  return useQuery({
    queryKey: ["notifications"],
    queryFn: () => unwrap(client.GET("/api/v1/notifications")),
    refetchInterval: 60_000,
  });
}
