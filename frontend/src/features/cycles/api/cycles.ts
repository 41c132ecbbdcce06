import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Cycle = components["schemas"]["Cycle"];
export type Phase = components["schemas"]["Phase"];
export type Progress = components["schemas"]["Progress"];
export type OrgProgress = components["schemas"]["OrgProgress"];
export type Counts = components["schemas"]["Counts"];
export type CreateCycleInput = components["schemas"]["CreateCycle"];

/** Every cycle query starts with this key: invalidating it refreshes them all. */
export const cyclesQueryKey = ["cycles"] as const;

export const cycleQueryKey = (id: number) => [...cyclesQueryKey, "one", id] as const;

/** The cycles the caller works in. */
export function useCycles() {
  return useQuery({
    queryKey: [...cyclesQueryKey, "list"],
    queryFn: () => unwrap(client.GET("/api/v1/cycles")),
  });
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
