import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cycleQueryKey } from "@/features/cycles/api/cycles";

export type BranchOpinion = components["schemas"]["BranchOpinion"];
export type BranchOpinionInput = components["schemas"]["BranchOpinionInput"];

export const branchOpinionsKey = (cycleId: number) =>
  [...cycleQueryKey(cycleId), "branch-opinions"] as const;

/**
 * Plan II.2.3: the branches' opinions on the base's self-review (every branch for the base's
 * committee, its own row for a branch committee; 403 for others).
 */
export function useBranchOpinions(cycleId: number) {
  return useQuery({
    queryKey: branchOpinionsKey(cycleId),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/branch-opinions", {
          params: { path: { id: cycleId } },
        }),
      ),
    // A 403 is an answer (the section is not for this user): no retry.
    retry: false,
  });
}

/** A branch committee saves its opinion on the version read (0 the first time; 412 when stale). */
export function useSaveBranchOpinion(cycleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ branchId, body }: { branchId: number; body: BranchOpinionInput }) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/branch-opinions/{branch_id}", {
          params: { path: { id: cycleId, branch_id: branchId } },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: branchOpinionsKey(cycleId) }),
  });
}
