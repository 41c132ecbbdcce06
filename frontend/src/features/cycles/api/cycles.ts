import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components, operations } from "@/api/schema";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";

export type Cycle = components["schemas"]["Cycle"];
export type Phase = components["schemas"]["Phase"];
export type Progress = components["schemas"]["Progress"];
export type OrgProgress = components["schemas"]["OrgProgress"];
export type Counts = components["schemas"]["Counts"];
export type CreateCycleInput = components["schemas"]["CreateCycle"];
export type CyclePage = components["schemas"]["CyclePage"];
/** The list's query: year, organisation and page, as the API names them. */
export type CyclesQuery = NonNullable<operations["cycles_list"]["parameters"]["query"]>;
/**
 * A page of one of a cycle's lists, narrowed to an organisation's subtree if asked (the same
 * query for self-reviews, ratings, suggestions, feedback requests and voting sessions).
 */
export type CycleListQuery = {
  organization_id?: number;
  page?: number;
  per_page?: number;
};

/** Every cycle query starts with this key: invalidating it refreshes them all. */
export const cyclesQueryKey = ["cycles"] as const;

export const cycleQueryKey = (id: number) => [...cyclesQueryKey, "one", id] as const;

/**
 * A page of the cycles the caller works in, newest year first (then by organisation). Other
 * features (classification, org-classification, lib/cycle-year) ask under the same key prefix,
 * so that starting a cycle refreshes them too.
 */
export function useCycles(query: CyclesQuery) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "list", query],
    queryFn: () => unwrap(client.GET("/api/v1/cycles", { params: { query } })),
    // Paging and filtering keep the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

/**
 * The cycles a picker offers: the newest `WHOLE_LIST_PER_PAGE` (a caller works in a few a
 * year); `total` tells whether there are more (the picker then says so).
 */
export function useCycleChoices() {
  return useCycles({ per_page: WHOLE_LIST_PER_PAGE });
}

export function useCycle(id: number, enabled = true) {
  return useQuery({
    queryKey: cycleQueryKey(id),
    queryFn: () => unwrap(client.GET("/api/v1/cycles/{id}", { params: { path: { id } } })),
    enabled,
  });
}

export function useProgress(id: number) {
  return useQuery({
    queryKey: [...cycleQueryKey(id), "progress"],
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}/progress", { params: { path: { id } } })),
  });
}

export function useCreateCycle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCycleInput) => unwrap(client.POST("/api/v1/cycles", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}

/** The cycle's changes (stage, phases) refresh every cycle query. */
function useCycleMutation<T>(run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}

export function useAdvanceCycle(id: number) {
  return useCycleMutation((to: string) =>
    unwrap(client.POST("/api/v1/cycles/{id}/advance", { params: { path: { id } }, body: { to } })),
  );
}

export function useClosePhase(id: number) {
  return useCycleMutation((phaseId: number) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/phases/{phase_id}/close", {
        params: { path: { id, phase_id: phaseId } },
      }),
    ),
  );
}

export function useReopenPhase(id: number) {
  return useCycleMutation(({ phaseId, reason }: { phaseId: number; reason: string }) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/phases/{phase_id}/reopen", {
        params: { path: { id, phase_id: phaseId } },
        body: { reason },
      }),
    ),
  );
}

export type PhaseChange = components["schemas"]["UpdatePhase"];

export function useUpdatePhase(id: number) {
  return useCycleMutation(({ phaseId, body }: { phaseId: number; body: PhaseChange }) =>
    unwrap(
      client.PATCH("/api/v1/cycles/{id}/phases/{phase_id}", {
        params: { path: { id, phase_id: phaseId } },
        body,
      }),
    ),
  );
}
