import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Agenda = components["schemas"]["Agenda"];
export type AgendaItem = components["schemas"]["AgendaItem"];

/** The agenda's query key: any action invalidates it (see the app's QueryClient). */
export const agendaQueryKey = ["agenda"] as const;

/** What the signed-in user has to do, the late and the soonest first. */
export function useAgenda() {
  return useQuery({
    queryKey: agendaQueryKey,
    queryFn: () => unwrap(client.GET("/api/v1/me/agenda")),
    refetchInterval: 60_000,
  });
}
