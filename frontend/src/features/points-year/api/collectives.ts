import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import {
  collectivesBoardKey,
  cycleKey,
  saveDocument,
  type DocumentFormat,
} from "@/features/points-year/api/points";
import { organizationsQueryKey } from "@/lib/org-tree";

type Schemas = components["schemas"];

// RULES-2025.md C1–C4: the branches of a cycle's organisation and the organisation itself score
// themselves on frame F1 (Mẫu 01); the committee directly above appraises and decides. Points
// in tenths, as the members'.
export type CollectiveAssessment = Schemas["CollectiveAssessment"];
export type SaveCollective = Schemas["SaveCollective"];
export type CollectiveAppraisal = Schemas["CollectiveAppraisal"];
export type CollectivesDecision = Schemas["CollectivesDecision"];
/** Mẫu 03 for a collective: appraised again and re-rated by the committee that decided it. */
export type CollectiveRerate = Schemas["CollectiveRerate"];
export type CollectiveReratingInfo = Schemas["CollectiveReratingInfo"];

/** Guidance 3: the levels counted beside a collective (its members', or the base's branches'). */
export type CollectiveLevelCounts = Schemas["CollectiveLevelCounts"];
export type CollectiveRow = Schemas["CollectiveRow"];
/** The branches, then the organisation itself (C4), with the branches' quota (C3). */
export type CollectivesBoard = Schemas["CollectivesBoard"];

/**
 * `branches`: the organisation's committee decides its branches (C3 counted among them);
 * `organization`: the committee above decides the organisation itself.
 */
export type DecisionScope = "branches" | "organization";

type Key = { cycleId: number; orgId: number };

const formKey = ({ cycleId, orgId }: Key) => [...cycleKey(cycleId), "collective-assessment", orgId];
const formsKey = (cycleId: number) => [...cycleKey(cycleId), "collective-assessment"];

const path = ({ cycleId, orgId }: Key) => ({ params: { path: { id: cycleId, org_id: orgId } } });

/** A collective's form on frame F1 (`not_started` before the first save). */
export function useCollectiveAssessment(key: Key, enabled = true) {
  return useQuery({
    queryKey: formKey(key),
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}/organizations/{org_id}/point-assessment", path(key))),
    enabled,
  });
}

/** Reads a collective's form again (after a conflict: submitted or decided meanwhile). */
export function useRefreshCollective(key: Key) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: formKey(key) });
}

/** The form as answered at once, and the board read again. */
function useRemember(key: Key) {
  const queryClient = useQueryClient();
  return (changed: CollectiveAssessment) => {
    queryClient.setQueryData(formKey(key), changed);
    return queryClient.invalidateQueries({ queryKey: collectivesBoardKey(key.cycleId) });
  };
}

/** The collective's own committee saves (a draft) or submits its part (C1). */
export function useSaveCollective(key: Key) {
  const remember = useRemember(key);
  return useMutation({
    mutationFn: (body: SaveCollective) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/organizations/{org_id}/point-assessment", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: remember,
  });
}

/** The committee directly above appraises a submitted form, with the C2 facts it found. */
export function useAppraiseCollective(key: Key) {
  const remember = useRemember(key);
  return useMutation({
    mutationFn: (body: CollectiveAppraisal) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/organizations/{org_id}/point-assessment/appraisal", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: remember,
  });
}

/**
 * The committee that decided a collective re-rates it (Mẫu 03): the answer is the form with the
 * new decision and the earlier ones; the board and the form are read again after it (after a
 * conflict too: not decided, or decided again meanwhile).
 */
export function useRerateCollective(key: Key) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: collectivesBoardKey(key.cycleId) }),
      queryClient.invalidateQueries({ queryKey: formKey(key) }),
    ]);
  return useMutation({
    mutationFn: (body: CollectiveRerate) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/organizations/{org_id}/points-rerating", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: (changed) => {
      queryClient.setQueryData(formKey(key), changed);
      return refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void refresh();
    },
  });
}

/** The collectives of the cycle with their levels, their members' beside them, and C3's quota. */
export function useCollectivesBoard(cycleId: number, outstanding: boolean) {
  return useQuery({
    queryKey: [...collectivesBoardKey(cycleId), { outstanding }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/collectives-board", {
          params: { path: { id: cycleId }, query: { outstanding } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * The competent level decides the collectives of `scope`, once: the answer is the board as
 * recorded; the boards and the forms are read again after it (after a conflict too: someone
 * decided, or a collective came or went, meanwhile).
 */
export function useDecideCollectives(cycleId: number) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: collectivesBoardKey(cycleId) }),
      queryClient.invalidateQueries({ queryKey: formsKey(cycleId) }),
    ]);
  return useMutation({
    mutationFn: (body: CollectivesDecision) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/collectives-decision", {
          params: { path: { id: cycleId } },
          body,
        }),
      ),
    onSuccess: (after, body) => {
      queryClient.setQueryData(
        [...collectivesBoardKey(cycleId), { outstanding: body.outstanding ?? false }],
        after,
      );
      return refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void refresh();
    },
  });
}

/** An organisation (for its parent: the committee directly above decides it, C2). */
export function useOrganization(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...organizationsQueryKey, "one", id],
    queryFn: () =>
      unwrap(client.GET("/api/v1/organizations/{id}", { params: { path: { id } } })),
    enabled,
    staleTime: 60_000,
  });
}

/** A collective's report (Mẫu 01), as DOCX or PDF. */
export function downloadCollectiveReport(
  { cycleId, orgId }: Key,
  format: DocumentFormat,
): Promise<void> {
  return saveDocument(
    client.GET("/api/v1/cycles/{id}/organizations/{org_id}/point-assessment/document", {
      params: { path: { id: cycleId, org_id: orgId }, query: { format } },
      parseAs: "blob",
    }),
    `mau-01-bao-cao-kiem-diem.${format}`,
  );
}
