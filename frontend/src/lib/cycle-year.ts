import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { todayInVietnam } from "@/lib/format";

// Under the cycles feature's key prefix (features/cycles/api/cycles.ts), so that starting a
// cycle there refreshes this too.
const latestYearKey = (orgId: number | undefined) => ["cycles", "latest-year", orgId] as const;

/** The year of the newest cycle the query finds (the API lists newest year first), if any. */
async function newestYear(organizationId?: number): Promise<number | undefined> {
  const page = await unwrap(
    client.GET("/api/v1/cycles", {
      params: { query: { organization_id: organizationId, per_page: 1 } },
    }),
  );
  return page.items[0]?.year;
}

/**
 * The year a page opens on for organisation `orgId`: that of its latest cycle, else the latest
 * of the cycles the user works in, else this year in Vietnam; undefined while the cycles load.
 * Each is asked as one row of the filtered list, never the whole list.
 * `enabled: false` answers this year at once without asking.
 */
export function useCycleYear(orgId: number | undefined, enabled = true): number | undefined {
  const latest = useQuery({
    queryKey: latestYearKey(orgId),
    queryFn: async () =>
      (orgId === undefined ? undefined : await newestYear(orgId)) ??
      (await newestYear()) ??
      // The cache keeps no undefined: null for "no cycle at all".
      null,
    // The organisation comes once the tree is read (or when another is chosen): the year found
    // so far stays until that of the organisation arrives, rather than emptying the page.
    placeholderData: keepPreviousData,
    enabled,
  });
  if (!enabled || latest.isError) return todayInVietnam().year();
  if (latest.data === undefined) return undefined;
  return latest.data ?? todayInVietnam().year();
}
