import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";

export type BranchClassificationInput = components["schemas"]["BranchClassificationInput"];

/**
 * The cycles the caller works in, the newest `WHOLE_LIST_PER_PAGE` (newest year first); the
 * cycles pages' pickers share this cache. `total` tells whether there are more.
 */
export function useCycleList() {
  const query = { per_page: WHOLE_LIST_PER_PAGE };
  return useQuery({
    queryKey: ["cycles", "list", query],
    queryFn: () => unwrap(client.GET("/api/v1/cycles", { params: { query } })),
  });
}

/** The branches under a cycle's organisation the caller can see (the API decides who runs one). */
export function useBranchesUnder(organizationId: number | undefined) {
  return useQuery({
    // The voting tab lists the same branches under this key.
    queryKey: ["organizations", "list", { kind: "branch", under: organizationId }],
    queryFn:
      organizationId === undefined
        ? skipToken
        : () =>
            unwrap(
              client.GET("/api/v1/organizations", {
                params: { query: { kind: "branch", under: organizationId, per_page: 500 } },
              }),
            ),
    select: (list) => list.items,
  });
}

/** A branch's current data in the preview's shape: its members, present, with no votes. */
export function useLoadBranchInput() {
  return useMutation({
    mutationFn: ({ cycleId, branchId }: { cycleId: number; branchId: number }) =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/branches/{branch_id}/classification-input", {
          params: { path: { id: cycleId, branch_id: branchId } },
        }),
      ),
  });
}
