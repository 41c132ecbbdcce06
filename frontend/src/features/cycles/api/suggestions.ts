import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cyclesQueryKey, type CycleListQuery } from "@/features/cycles/api/cycles";

export type Suggestion = components["schemas"]["Suggestion"];
export type NewSuggestion = components["schemas"]["NewSuggestionRequest"];

const suggestionsKey = (cycleId: number) =>
  [...cyclesQueryKey, "one", cycleId, "suggestions"] as const;

/**
 * A page of the suggestions of a cycle the caller sees (issuers, inspection, and the member
 * addressed), oldest first.
 */
export function useSuggestions(cycleId: number, query: CycleListQuery) {
  return useQuery({
    queryKey: [...suggestionsKey(cycleId), query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/suggestions", {
          params: { path: { id: cycleId }, query },
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

function useSuggestionMutation<T>(cycleId: number, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suggestionsKey(cycleId) }),
  });
}

export function useIssueSuggestion(cycleId: number) {
  return useSuggestionMutation(cycleId, (body: NewSuggestion) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/suggestions", { params: { path: { id: cycleId } }, body }),
    ),
  );
}

export function useAnswerSuggestion(cycleId: number) {
  return useSuggestionMutation(
    cycleId,
    ({ suggestionId, explanation }: { suggestionId: number; explanation: string }) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/suggestions/{suggestion_id}/answer", {
          params: { path: { id: cycleId, suggestion_id: suggestionId } },
          body: { explanation },
        }),
      ),
  );
}

/** Active members of the cycle's organisation whose name matches `q` (a subject to pick). */
export function useMemberSearch(organizationId: number, q: string) {
  return useQuery({
    queryKey: ["members", "list", { organization_id: organizationId, q, active: true }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/members", {
          params: {
            query: {
              organization_id: organizationId,
              q: q || undefined,
              active: true,
              per_page: 20,
            },
          },
        }),
      ),
  });
}
