import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { cyclesQueryKey, type CycleListQuery } from "@/features/cycles/api/cycles";
import { attachmentName, saveBlob } from "@/lib/download";
import { MEMBERS_PER_PAGE_MAX } from "@/lib/paging";

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

/**
 * The members of a branch (the branch committee's board), on one page of the most the API
 * gives: `total` tells the board whether the branch holds more.
 */
export function useBranchMembers(organizationId: number | undefined) {
  const query = { organization_id: organizationId, per_page: MEMBERS_PER_PAGE_MAX };
  return useQuery({
    queryKey: ["members", "list", query],
    queryFn: () => unwrap(client.GET("/api/v1/members", { params: { query } })),
    enabled: organizationId !== undefined,
  });
}

/** A page of the cycle's self-reviews (of an organisation's subtree, if narrowed). */
export function useSelfReviews(cycleId: number, query: CycleListQuery, enabled = true) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "self-reviews", query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/self-reviews", {
          params: { path: { id: cycleId }, query },
        }),
      ),
    enabled,
  });
}

/** A page of the cycle's professional ratings (of an organisation's subtree, if narrowed). */
export function useProfessionalRatings(cycleId: number, query: CycleListQuery, enabled = true) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "ratings", query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/professional-ratings", {
          params: { path: { id: cycleId }, query },
        }),
      ),
    enabled,
  });
}

/** A self-review as last read, with the tag (ETag) a save names in If-Match. */
export type VersionedSelfReview = { review: SelfReview; etag: string };

export function useSelfReview(key: Key | null) {
  return useQuery({
    queryKey: key ? selfReviewKey(key) : [...cyclesQueryKey, "none"],
    queryFn: async (): Promise<VersionedSelfReview> => {
      const { data, response } = await unwrapResponse(
        client.GET("/api/v1/cycles/{id}/members/{member_id}/self-review", path(key!)),
      );
      return { review: data, etag: response.headers.get("ETag") ?? "" };
    },
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

/** The content as edited from the self-review read with tag `etag` ("" when unknown). */
export type SelfReviewEdit = { content: SelfReviewContent; etag: string };

/**
 * Saves a version. With the tag of the self-review as read, the server refuses (412) a save
 * over one somebody else saved meanwhile; the self-review is then read again, so that saving
 * once more (after the warning) replaces it knowingly.
 */
async function putSelfReview(
  key: Key,
  { content, etag }: SelfReviewEdit,
): Promise<VersionedSelfReview> {
  const { data, response } = await unwrapResponse(
    client.PUT("/api/v1/cycles/{id}/members/{member_id}/self-review", {
      params: {
        path: { id: key.cycleId, member_id: key.memberId },
        header: etag ? { "If-Match": etag } : {},
      },
      body: content,
    }),
  );
  return { review: data, etag: response.headers.get("ETag") ?? "" };
}

/**
 * A save of the content (then maybe more). Each saved version is remembered with its tag at
 * once (the next save names it, even when what follows the save fails); the lists are read
 * again on success; on a stale save (412) the self-review is read again, so that its new tag
 * is the one named next.
 */
function useEditMutation<T>(
  key: Key,
  run: (edit: SelfReviewEdit, remember: (saved: VersionedSelfReview) => void) => Promise<T>,
) {
  const queryClient = useQueryClient();
  const remember = (saved: VersionedSelfReview) =>
    queryClient.setQueryData(selfReviewKey(key), saved);
  return useMutation({
    mutationFn: (edit: SelfReviewEdit) => run(edit, remember),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        void queryClient.invalidateQueries({ queryKey: selfReviewKey(key) });
      }
    },
  });
}

export function useSaveSelfReview(key: Key) {
  return useEditMutation(key, async (edit, remember) => {
    const saved = await putSelfReview(key, edit);
    remember(saved);
    return saved;
  });
}

/** Saves the content first: the server checks the saved version for missing sections. */
export function useSubmitSelfReview(key: Key) {
  return useEditMutation(key, async (edit, remember) => {
    remember(await putSelfReview(key, edit));
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

/** Downloads the self-review as the DOCX form (to edit) or PDF (A4, to print and file). */
export async function downloadSelfReview(key: Key, format: "docx" | "pdf" = "docx"): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/cycles/{id}/members/{member_id}/self-review/document", {
      params: { path: { id: key.cycleId, member_id: key.memberId }, query: { format } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `ban-tu-kiem-diem.${format}`));
}
