import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type OrgAssessment = components["schemas"]["OrgAssessment"];
export type OrgClassification = components["schemas"]["OrgClassification"];
export type SelfAssessment = components["schemas"]["SelfAssessment"];
export type SuperiorReview = components["schemas"]["SuperiorReview"];
export type Cancellation = components["schemas"]["Cancellation"];
export type CancellationInput = components["schemas"]["CancellationInput"];

/** Every query of this feature starts with this key: a saved sheet refreshes them all. */
const orgClassificationKey = ["org-classification"] as const;

/** The year's classification of the organisations directly under `organizationId` (O2, O3). */
export function useOrgClassification(organizationId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: [...orgClassificationKey, "overview", organizationId, year],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/organization-classification", {
          params: { query: { organization_id: organizationId, year } },
        }),
      ),
    enabled,
  });
}

export type SheetKey = { cycleId: number; orgId: number };

function pathOf({ cycleId, orgId }: SheetKey) {
  return { path: { id: cycleId, org_id: orgId } };
}

/** One organisation's self-assessment sheet (O4) for the cycle's year. */
export function useOrgAssessment(key: SheetKey) {
  return useQuery({
    queryKey: [...orgClassificationKey, "sheet", key.cycleId, key.orgId],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/organizations/{org_id}/assessment", {
          params: pathOf(key),
        }),
      ),
  });
}

function useSheetMutation<T>(run: (body: T) => Promise<OrgAssessment>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgClassificationKey }),
  });
}

/** The organisation's own committee scores it, until the superior has. */
export function useSaveSelfAssessment(key: SheetKey) {
  return useSheetMutation((body: SelfAssessment) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/organizations/{org_id}/assessment", {
        params: pathOf(key),
        body,
      }),
    ),
  );
}

/** The committee above scores it: its points decide the level (O1, O4). */
export function useReviewAssessment(key: SheetKey) {
  return useSheetMutation((body: SuperiorReview) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/organizations/{org_id}/assessment/review", {
        params: pathOf(key),
        body,
      }),
    ),
  );
}

/**
 * O5: the decisions cancelling the organisation's recognition, oldest first. Only a reviewed
 * sheet can have one, so the others are not asked about (`enabled`).
 */
export function useCancellations(key: SheetKey, enabled = true) {
  return useQuery({
    queryKey: [...orgClassificationKey, "cancellations", key.cycleId, key.orgId],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/organizations/{org_id}/assessment/cancellations", {
          params: pathOf(key),
        }),
      ),
    enabled,
  });
}

/**
 * O5: the district standing committee cancels a recognition found undeserved; the sheet takes
 * the decided level. Refreshes the sheet, the decisions and the overview (same key prefix).
 */
export function useCancelRecognition(key: SheetKey) {
  return useSheetMutation((body: CancellationInput) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/organizations/{org_id}/assessment/cancellations", {
        params: pathOf(key),
        body,
      }),
    ),
  );
}
