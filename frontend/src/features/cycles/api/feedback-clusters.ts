import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cycleQueryKey } from "@/features/cycles/api/cycles";

export type FeedbackCluster = components["schemas"]["FeedbackCluster"];
export type FeedbackClusterInput = components["schemas"]["FeedbackClusterInput"];
export type CollectiveOpinion = components["schemas"]["CollectiveOpinion"];
export type CollectiveOpinionInput = components["schemas"]["CollectiveOpinionInput"];

export const feedbackClustersKey = (cycleId: number) =>
  [...cycleQueryKey(cycleId), "feedback-clusters"] as const;

/**
 * Plan II.2.2.1: the cycle's feedback clusters with the opinions recorded (every cluster for the
 * committees over the cycle, those of its branches for a branch committee; 403 for others).
 */
export function useFeedbackClusters(cycleId: number) {
  return useQuery({
    queryKey: feedbackClustersKey(cycleId),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/feedback-clusters", {
          params: { path: { id: cycleId } },
        }),
      ),
    // A 403 is an answer (the section is not for this user): no retry.
    retry: false,
  });
}

/** The organisations directly below `organizationId`: the branches a cluster may group. */
export function useChildOrganizations(organizationId: number) {
  return useQuery({
    queryKey: ["organizations", "list", { parent_id: organizationId }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/organizations", {
          params: { query: { parent_id: organizationId, per_page: 500 } },
        }),
      ),
    select: (list) => list.items,
  });
}

/**
 * A change to the clusters or their opinions; the list is read again whether it succeeded or
 * failed (a 412 means someone changed the cluster since it was read).
 */
function useClusterMutation<T>(cycleId: number, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedbackClustersKey(cycleId) }),
  });
}

/** Sets up a cluster (`version` 0). */
export function useCreateFeedbackCluster(cycleId: number) {
  return useClusterMutation(cycleId, (body: FeedbackClusterInput) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/feedback-clusters", {
        params: { path: { id: cycleId } },
        body,
      }),
    ),
  );
}

/** Changes a cluster on the version read (412 when changed since). */
export function useUpdateFeedbackCluster(cycleId: number) {
  return useClusterMutation(
    cycleId,
    ({ clusterId, body }: { clusterId: number; body: FeedbackClusterInput }) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/feedback-clusters/{cluster_id}", {
          params: { path: { id: cycleId, cluster_id: clusterId } },
          body,
        }),
      ),
  );
}

/** Removes a cluster with the opinions recorded in it. */
export function useDeleteFeedbackCluster(cycleId: number) {
  return useClusterMutation(cycleId, (clusterId: number) =>
    unwrap(
      client.DELETE("/api/v1/cycles/{id}/feedback-clusters/{cluster_id}", {
        params: { path: { id: cycleId, cluster_id: clusterId } },
      }),
    ),
  );
}

/** Records a mass organisation's opinion on a branch of the cluster. */
export function useAddCollectiveOpinion(cycleId: number) {
  return useClusterMutation(
    cycleId,
    ({ clusterId, body }: { clusterId: number; body: CollectiveOpinionInput }) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/feedback-clusters/{cluster_id}/opinions", {
          params: { path: { id: cycleId, cluster_id: clusterId } },
          body,
        }),
      ),
  );
}

/** Removes an opinion recorded by mistake. */
export function useDeleteCollectiveOpinion(cycleId: number) {
  return useClusterMutation(
    cycleId,
    ({ clusterId, opinionId }: { clusterId: number; opinionId: number }) =>
      unwrap(
        client.DELETE(
          "/api/v1/cycles/{id}/feedback-clusters/{cluster_id}/opinions/{opinion_id}",
          { params: { path: { id: cycleId, cluster_id: clusterId, opinion_id: opinionId } } },
        ),
      ),
  );
}
