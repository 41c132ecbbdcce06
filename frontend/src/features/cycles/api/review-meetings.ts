import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cycleQueryKey } from "@/features/cycles/api/cycles";

export type ReviewMeeting = components["schemas"]["ReviewMeeting"];
export type ReviewMeetingInput = components["schemas"]["ReviewMeetingInput"];
export type Invitee = components["schemas"]["Invitee"];

export const reviewMeetingsKey = (cycleId: number) =>
  [...cycleQueryKey(cycleId), "review-meetings"] as const;

/** C.4: the cycle's review meetings, by time, with the superior's representatives invited. */
export function useReviewMeetings(cycleId: number) {
  return useQuery({
    queryKey: reviewMeetingsKey(cycleId),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/review-meetings", {
          params: { path: { id: cycleId } },
        }),
      ),
  });
}

/**
 * A change to the meetings; the list is read again whether it succeeded or failed (a 412 means
 * someone changed the meeting since it was read).
 */
function useReviewMeetingMutation<T>(cycleId: number, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewMeetingsKey(cycleId) }),
  });
}

/** Schedules a meeting (`version` 0). */
export function useCreateReviewMeeting(cycleId: number) {
  return useReviewMeetingMutation(cycleId, (body: ReviewMeetingInput) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/review-meetings", {
        params: { path: { id: cycleId } },
        body,
      }),
    ),
  );
}

/**
 * Changes a meeting on the version read (412 when changed since); a new time or place withdraws
 * the notice.
 */
export function useUpdateReviewMeeting(cycleId: number) {
  return useReviewMeetingMutation(
    cycleId,
    ({ meetingId, body }: { meetingId: number; body: ReviewMeetingInput }) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/review-meetings/{meeting_id}", {
          params: { path: { id: cycleId, meeting_id: meetingId } },
          body,
        }),
      ),
  );
}

export function useDeleteReviewMeeting(cycleId: number) {
  return useReviewMeetingMutation(cycleId, (meetingId: number) =>
    unwrap(
      client.DELETE("/api/v1/cycles/{id}/review-meetings/{meeting_id}", {
        params: { path: { id: cycleId, meeting_id: meetingId } },
      }),
    ),
  );
}

/** Records that the superior was notified (409 no_invitees or meeting_past; 412 stale). */
export function useNotifyReviewMeeting(cycleId: number) {
  return useReviewMeetingMutation(
    cycleId,
    ({ meetingId, version }: { meetingId: number; version: number }) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/review-meetings/{meeting_id}/notice", {
          params: { path: { id: cycleId, meeting_id: meetingId } },
          body: { version },
        }),
      ),
  );
}
