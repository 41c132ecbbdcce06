import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import { cyclesQueryKey } from "@/features/cycles/api/cycles";
import { attachmentName, saveBlob } from "@/lib/download";

export type SelfReview = components["schemas"]["SelfReview"];
export type SelfReviewContent = components["schemas"]["SelfReviewContent"];
export type SelfReviewSummary = components["schemas"]["SelfReviewSummary"];
export type RatingInput = components["schemas"]["RatingInput"];
export type Opinion = components["schemas"]["Opinion"];
export type BranchMember = components["schemas"]["Member"];

type Key = { cycleId: number; memberId: number };

const selfReviewKey = ({ cycleId, memberId }: Key) =>
  [...cyclesQueryKey, "one", cycleId, "self-review", memberId] as const;

const path = ({ cycleId, memberId }: Key) => ({
  params: { path: { id: cycleId, member_id: memberId } },
});

/**
 * The caller's own member id: /auth/me names it; a server that does not is asked for the
 * members list, where a member user reads only their own record.
 */
export function useOwnMemberId(named: number | null | undefined) {
  return useQuery({
    queryKey: ["members", "list", { own: true }],
    queryFn: () => unwrap(client.GET("/api/v1/members", { params: { query: {} } })),
    select: (page) => page.items[0]?.id ?? null,
    enabled: named == null,
  });
}

/** The active members of a branch (the branch committee's board). */
export function useBranchMembers(organizationId: number | undefined) {
  return useQuery({
    queryKey: ["members", "list", { organization_id: organizationId, per_page: 100 }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/members", {
          params: { query: { organization_id: organizationId, per_page: 100 } },
        }),
      ),
    enabled: organizationId !== undefined,
  });
}

export function useSelfReviews(cycleId: number) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "self-reviews"],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/self-reviews", { params: { path: { id: cycleId } } }),
      ),
  });
}

export function useProfessionalRatings(cycleId: number) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "ratings"],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/professional-ratings", {
          params: { path: { id: cycleId } },
        }),
      ),
  });
}

export function useSelfReview(key: Key | null) {
  return useQuery({
    queryKey: key ? selfReviewKey(key) : [...cyclesQueryKey, "none"],
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}/members/{member_id}/self-review", path(key!))),
    enabled: key !== null,
  });
}

/** A change to a self-review refreshes it and the cycle's lists and progress. */
function useReviewMutation<T>(run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}

export function useSaveSelfReview(key: Key) {
  return useReviewMutation((content: SelfReviewContent) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/members/{member_id}/self-review", {
        ...path(key),
        body: content,
      }),
    ),
  );
}

/** Saves the content first: the server checks the saved version for missing sections. */
export function useSubmitSelfReview(key: Key) {
  return useReviewMutation(async (content: SelfReviewContent) => {
    await unwrap(
      client.PUT("/api/v1/cycles/{id}/members/{member_id}/self-review", {
        ...path(key),
        body: content,
      }),
    );
    return unwrap(
      client.POST("/api/v1/cycles/{id}/members/{member_id}/self-review/submit", path(key)),
    );
  });
}

export function useReturnSelfReview(key: Key) {
  return useReviewMutation((comment: string) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/members/{member_id}/self-review/return", {
        ...path(key),
        body: { comment },
      }),
    ),
  );
}

export function useAcceptSelfReview(key: Key) {
  return useReviewMutation(() =>
    unwrap(client.POST("/api/v1/cycles/{id}/members/{member_id}/self-review/accept", path(key))),
  );
}

export function useSaveRating(key: Key) {
  return useReviewMutation((body: RatingInput) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/members/{member_id}/professional-rating", {
        ...path(key),
        body,
      }),
    ),
  );
}

export function useSaveOpinion(key: Key) {
  return useReviewMutation((body: Opinion) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/members/{member_id}/opinion", { ...path(key), body }),
    ),
  );
}

/** Downloads the self-review as the DOCX form. */
export async function downloadSelfReview(key: Key): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/cycles/{id}/members/{member_id}/self-review/document", {
      params: { path: { id: key.cycleId, member_id: key.memberId }, query: { format: "docx" } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, "ban-tu-kiem-diem.docx"));
}
