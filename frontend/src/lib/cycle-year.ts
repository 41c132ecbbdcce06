import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { todayInVietnam } from "@/lib/format";

// The same query as the cycles feature's list (features/cycles/api/cycles.ts), so that one
// answer serves both and starting a cycle there refreshes this too.
const cyclesListKey = ["cycles", "list"] as const;

/**
 * The year a page opens on for organisation `orgId`: that of its latest cycle, else the latest
 * of the cycles the user works in, else this year in Vietnam; undefined while the cycles load.
 * `enabled: false` answers this year at once without asking.
 */
export function useCycleYear(orgId: number | undefined, enabled = true): number | undefined {
  const cycles = useQuery({
    queryKey: cyclesListKey,
    queryFn: () => unwrap(client.GET("/api/v1/cycles")),
    enabled,
  });
  if (!enabled || cycles.isError) return todayInVietnam().year();
  if (cycles.data === undefined) return undefined;
  const latest = (years: number[]) => (years.length === 0 ? undefined : Math.max(...years));
  return (
    latest(cycles.data.filter((cycle) => cycle.organization_id === orgId).map((c) => c.year)) ??
    latest(cycles.data.map((cycle) => cycle.year)) ??
    todayInVietnam().year()
  );
}
