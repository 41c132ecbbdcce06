import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { cyclesQueryKey, type CycleListQuery } from "@/features/cycles/api/cycles";
import { attachmentName, saveBlob } from "@/lib/download";

export type FeedbackRequest = components["schemas"]["FeedbackRequest"];
export type NewFeedbackRequest = components["schemas"]["NewFeedbackRequest"];
export type FeedbackAnswer = components["schemas"]["FeedbackAnswer"];
export type OpinionRecord = components["schemas"]["OpinionRecord"];
export type FeedbackProvider = components["schemas"]["FeedbackProvider"];
export type NewFeedbackRequests = components["schemas"]["NewFeedbackRequests"];
export type FeedbackBatch = components["schemas"]["FeedbackBatch"];

/** Every feedback query starts with this key (the inbox spans cycles). */
const feedbackQueryKey = ["feedback"] as const;

/** The inbox's query: only the open requests if asked, and the page. */
export type AssignedFeedbackQuery = { open: boolean; page: number; per_page: number };

/** A page of the signed-in user's inbox: the requests assigned to them in every cycle. */
export function useAssignedFeedback({ open, page, per_page }: AssignedFeedbackQuery) {
  return useQuery({
    queryKey: [...feedbackQueryKey, "assigned", { open, page, per_page }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/feedback-requests", {
          params: { query: { ...(open ? { open: true } : {}), page, per_page } },
        }),
      ),
    // Paging and filtering keep the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

/**
 * A page of the requests of a cycle the caller handles (or that are assigned to them), of an
 * organisation's subtree if narrowed.
 */
export function useCycleFeedback(cycleId: number, query: CycleListQuery) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "feedback", query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/feedback-requests", {
          params: { path: { id: cycleId }, query },
        }),
      ),
  });
}

/** A change to a request refreshes the cycle's lists and progress and the inbox. */
function useFeedbackMutation<T, R = unknown>(run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
        queryClient.invalidateQueries({ queryKey: feedbackQueryKey }),
      ]),
  });
}

export function useRequestFeedback(cycleId: number) {
  return useFeedbackMutation((body: NewFeedbackRequest) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/feedback-requests", {
        params: { path: { id: cycleId } },
        body,
      }),
    ),
  );
}

/** Asks every member of a branch (or a cluster) at once; those already asked are skipped. */
export function useRequestFeedbackBatch(cycleId: number) {
  return useFeedbackMutation(
    (body: NewFeedbackRequests): Promise<FeedbackBatch> =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/feedback-requests/batch", {
          params: { path: { id: cycleId } },
          body,
        }),
      ),
  );
}

/** Answers a request: the provider it is assigned to, or the branch committee's paper form. */
export function useAnswerFeedback(request: Pick<FeedbackRequest, "cycle_id" | "id">) {
  return useFeedbackMutation((body: FeedbackAnswer) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/feedback-requests/{request_id}/answer", {
        params: { path: { id: request.cycle_id, request_id: request.id } },
        body,
      }),
    ),
  );
}

/** Downloads the letter to the residence party committee (P2): DOCX to edit, PDF to print. */
export async function downloadResidenceLetter(
  request: Pick<FeedbackRequest, "cycle_id" | "id">,
  format: "docx" | "pdf" = "docx",
): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/cycles/{id}/feedback-requests/{request_id}/letter", {
      params: {
        path: { id: request.cycle_id, request_id: request.id },
        query: { format },
      },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `phieu-xin-y-kien-noi-cu-tru.${format}`));
}

/** Every residence letter still waiting under an organisation, one PDF to print (P2). */
export async function downloadResidenceLetters(
  cycleId: number,
  organizationId: number,
  delivery?: "post" | "hand",
): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/cycles/{id}/feedback-requests/letters", {
      params: {
        path: { id: cycleId },
        query: { organization_id: organizationId, ...(delivery ? { delivery } : {}) },
      },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, "phieu-xin-y-kien-noi-cu-tru.pdf"));
}

/** The branch committee's saved opinion on a member; null when none is written yet (404). */
export function useOpinion({ cycleId, memberId }: { cycleId: number; memberId: number }) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "opinion", memberId],
    queryFn: async (): Promise<OpinionRecord | null> => {
      try {
        return await unwrap(
          client.GET("/api/v1/cycles/{id}/members/{member_id}/opinion", {
            params: { path: { id: cycleId, member_id: memberId } },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * The feedback providers a committee may ask in the cycle whose name (or organisation) holds
 * `q`, diacritics ignored, searched on the server (issue #17: chosen by name, never by id).
 */
export function useFeedbackProviders(cycleId: number, q: string) {
  return useQuery({
    queryKey: [...cyclesQueryKey, "one", cycleId, "feedback-providers", q],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/feedback-providers", {
          params: { path: { id: cycleId }, query: q ? { q } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
