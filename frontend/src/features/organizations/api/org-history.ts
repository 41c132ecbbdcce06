import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { organizationsQueryKey } from "@/lib/org-tree";

/** A year of an organisation's results entered from an archived decision (W4/W5). */
export type OrgYear = components["schemas"]["OrgYear"];
export type OrgYearInput = components["schemas"]["OrgYearInput"];

/**
 * The rewards' candidates (features/rewards/api/rewards.ts: ["rewards", "candidates", scope]):
 * a past year entered here may complete an organisation's five years (W4/W5). A feature does not
 * import another, hence the key written out.
 */
const rewardsCandidatesQueryKey = ["rewards", "candidates"] as const;

function historyQueryKey(organizationId: number) {
  return [...organizationsQueryKey, organizationId, "history"] as const;
}

export function getOrgHistory(organizationId: number): Promise<OrgYear[]> {
  return unwrap(
    client.GET("/api/v1/organizations/{id}/history", {
      params: { path: { id: organizationId } },
    }),
  );
}

/** An organisation's results of past years, oldest first. */
export function useOrgHistory(organizationId: number) {
  return useQuery({
    queryKey: historyQueryKey(organizationId),
    queryFn: () => getOrgHistory(organizationId),
  });
}

export function recordOrgYear(
  organizationId: number,
  year: number,
  body: OrgYearInput,
): Promise<OrgYear> {
  return unwrap(
    client.PUT("/api/v1/organizations/{id}/history/{year}", {
      params: { path: { id: organizationId, year } },
      body,
    }),
  );
}

/** Records (or replaces) a past year; the history and the rewards' candidates are read again. */
export function useRecordOrgYear(organizationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: OrgYearInput }) =>
      recordOrgYear(organizationId, year, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: historyQueryKey(organizationId) }),
        queryClient.invalidateQueries({ queryKey: rewardsCandidatesQueryKey }),
      ]),
  });
}
