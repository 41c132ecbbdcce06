import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type BranchClassificationInput = components["schemas"]["BranchClassificationInput"];

/** The cycles the caller works in (the cycles pages share this cache). */
export function useCycleList() {
  return useQuery({
    queryKey: ["cycles", "list"],
    queryFn: () => unwrap(client.GET("/api/v1/cycles")),
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
