import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { membersQueryKey } from "@/features/members/api/get-members";

export type HistoryEntry = components["schemas"]["HistoryEntry"];
export type HistoryInput = components["schemas"]["HistoryInput"];

function historyQueryKey(memberId: number) {
  return [...membersQueryKey, "one", memberId, "history"] as const;
}

export function getHistory(memberId: number): Promise<HistoryEntry[]> {
  return unwrap(
    client.GET("/api/v1/members/{id}/history", { params: { path: { id: memberId } } }),
  );
}

/** A member's classification by year, newest first. */
export function useHistory(memberId: number) {
  return useQuery({ queryKey: historyQueryKey(memberId), queryFn: () => getHistory(memberId) });
}

export function recordHistory(
  memberId: number,
  year: number,
  body: HistoryInput,
): Promise<HistoryEntry[]> {
  return unwrap(
    client.PUT("/api/v1/members/{id}/history/{year}", {
      params: { path: { id: memberId, year } },
      body,
    }),
  );
}

/** Records (or corrects) a past year's result. */
export function useRecordHistory(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: HistoryInput }) =>
      recordHistory(memberId, year, body),
    // The answer is the member's whole history.
    onSuccess: (entries) => queryClient.setQueryData(historyQueryKey(memberId), entries),
  });
}
