import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cycleQueryKey } from "@/features/cycles/api/cycles";

export type KeyCadreMeeting = components["schemas"]["KeyCadreMeeting"];
export type KeyCadreAssessment = components["schemas"]["KeyCadreAssessment"];
export type NewKeyCadreMeeting = components["schemas"]["NewKeyCadreMeeting"];
export type LevelVotes = components["schemas"]["LevelVotes"];

const meetingsKey = (cycleId: number) => [...cycleQueryKey(cycleId), "key-cadre-meetings"] as const;

/** O6: the key-cadre meetings of a cycle, oldest first. */
export function useKeyCadreMeetings(cycleId: number) {
  return useQuery({
    queryKey: meetingsKey(cycleId),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/key-cadre-meetings", {
          params: { path: { id: cycleId } },
        }),
      ),
  });
}

function useMeetingMutation<T>(cycleId: number, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingsKey(cycleId) }),
  });
}

export function useCreateKeyCadreMeeting(cycleId: number) {
  return useMeetingMutation(cycleId, (body: NewKeyCadreMeeting) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/key-cadre-meetings", {
        params: { path: { id: cycleId } },
        body,
      }),
    ),
  );
}

export function useDeleteKeyCadreMeeting(cycleId: number) {
  return useMeetingMutation(cycleId, (meetingId: number) =>
    unwrap(
      client.DELETE("/api/v1/cycles/{id}/key-cadre-meetings/{meeting_id}", {
        params: { path: { id: cycleId, meeting_id: meetingId } },
      }),
    ),
  );
}
