import { useQueries, useQuery } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import { attachmentName, saveBlob } from "@/lib/download";

export type Statistics = components["schemas"]["Statistics"];
export type OrgRow = components["schemas"]["OrgRow"];
export type MemberCounts = components["schemas"]["MemberCounts"];
export type OrgLevels = components["schemas"]["OrgLevels"];
/** Points cycles: members per level of one frame or quota group (empty under 2016's rules). */
export type CountsBy = components["schemas"]["CountsBy"];

export type Scope = { organizationId: number; year: number };

function query({ organizationId, year }: Scope) {
  return { organization_id: organizationId, year };
}

function statisticsQuery(scope: Scope) {
  return {
    queryKey: ["reports", "statistics", scope],
    queryFn: () =>
      unwrap(client.GET("/api/v1/reports/statistics", { params: { query: query(scope) } })),
  };
}

/** The year's classification counted under an organisation: its branches, bases and districts. */
export function useStatistics(scope: Scope) {
  return useQuery(statisticsQuery(scope));
}

/** The same statistics for several years, one query each (shared with `useStatistics`). */
export function useStatisticsByYear(organizationId: number, years: readonly number[]) {
  return useQueries({
    queries: years.map((year) => statisticsQuery({ organizationId, year })),
  });
}

/** The same statistics as an XLSX file, fetched with the bearer token. */
export async function downloadStatistics(scope: Scope): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/reports/statistics", {
      params: { query: { ...query(scope), format: "xlsx" } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `thong-ke-${scope.year}.xlsx`));
}
