import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { attachmentName, saveBlob } from "@/lib/download";

type Schemas = components["schemas"];

// RULES-2025.md: every points value the API sends or takes is in tenths (300 = 30 points).
export type PointAssessment = Schemas["PointAssessment"];
export type SaveAssessment = Schemas["SaveAssessment"];
export type PointsBoard = Schemas["PointsBoard"];
export type BoardRow = Schemas["BoardRow"];
export type QuotaGroupInfo = Schemas["QuotaGroupInfo"];
export type GroupOverLimit = Schemas["GroupOverLimit"];
export type QuarterForm = Schemas["QuarterForm"];
export type RuleSetInfo = Schemas["RuleSetInfo"];
export type Cycle = Schemas["Cycle"];
export type Member = Schemas["Member"];

/** The appraisal's body (S10). */
export type PointsAppraisalInput = Schemas["PointsAppraisal"];
/** The competent level's decision on the year (S10): a choice for everyone unresolved. */
export type PointsDecisionInput = Schemas["PointsDecision"];
export type DecisionChoice = Schemas["Choice"];
/** The competent level's re-rating of a decided member (Mẫu 03, S10). */
export type PointsReratingInput = Schemas["PointsRerating"];
/** The quota groups the competent level defines (S7). */
export type QuotaGroupsInput = Schemas["QuotaGroups"];
/** The result recorded for a member (S10), as the member sees it. */
export type DecidedResult = Schemas["DecidedResult"];
/** The branch committee's record of the branch meeting on a form (S10 step 2). */
export type BranchReviewInput = Schemas["BranchReviewInput"];
export type BranchReviewInfo = Schemas["BranchReviewInfo"];
/** S10 (`branch_vote`): the branch's tally on a member, and what it reached. */
export type BranchTally = Schemas["BranchTally"];
export type BranchVote = Schemas["BranchVote"];

/** A form as last read or saved, with the tag (ETag) its next save names in If-Match. */
export type VersionedAssessment = { assessment: PointAssessment; etag: string };

/** 0: the year (Mẫu 2A, 2B, 2C); 1–4: a quarter (Mẫu 05, S9). */
export const periods = [0, 1, 2, 3, 4] as const;

type Key = { cycleId: number; memberId: number; period: number };

// Under the cycles feature's key of the cycle: a change to the cycle refreshes these too.
export const cycleKey = (cycleId: number) => ["cycles", "one", cycleId];

const assessmentsKey = (cycleId: number) => [...cycleKey(cycleId), "point-assessments"];
const assessmentKey = ({ cycleId, memberId, period }: Key) => [
  ...assessmentsKey(cycleId),
  memberId,
  period,
];
const boardKey = (cycleId: number) => [...cycleKey(cycleId), "points-board"];
/** The collectives' board: it counts the members' levels beside each collective (guidance 3). */
export const collectivesBoardKey = (cycleId: number) => [...cycleKey(cycleId), "collectives-board"];

/** After a member's form or level changed: the boards that show it are read again. */
function refreshBoards(queryClient: QueryClient, cycleId: number) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: boardKey(cycleId) }),
    queryClient.invalidateQueries({ queryKey: collectivesBoardKey(cycleId) }),
  ]);
}

const path = ({ cycleId, memberId, period }: Key) => ({
  params: { path: { id: cycleId, member_id: memberId }, query: { period } },
});

/** The form of an answer, with its ETag ("" when the answer has none). */
async function versioned(
  request: Promise<{ data?: PointAssessment; error?: unknown; response: Response }>,
): Promise<VersionedAssessment> {
  const { data, response } = await unwrapResponse(request);
  return { assessment: data, etag: response.headers.get("ETag") ?? "" };
}

/** A member's points form for the year or a quarter (`not_started` before the first save). */
export function usePointAssessment(key: Key, enabled = true) {
  return useQuery({
    queryKey: assessmentKey(key),
    queryFn: () =>
      versioned(client.GET("/api/v1/cycles/{id}/members/{member_id}/point-assessment", path(key))),
    enabled,
  });
}

/**
 * A member's forms of every period (the year, then quarters 1–4, S9), the same cache entries as
 * `usePointAssessment`'s: for the appraisal to show each form's status beside its period.
 */
export function usePointAssessments(cycleId: number, memberId: number) {
  return useQueries({
    queries: periods.map((period) => {
      const key = { cycleId, memberId, period };
      return {
        queryKey: assessmentKey(key),
        queryFn: () =>
          versioned(
            client.GET("/api/v1/cycles/{id}/members/{member_id}/point-assessment", path(key)),
          ),
      };
    }),
  });
}

/** A save of the person's own part, naming the tag of the form as read ("" when unknown). */
export type SaveInput = { body: SaveAssessment; etag: string };

/**
 * Saves (a draft) or submits the person's own part; the answer is the form as stored, with its
 * new tag. With the tag of the form as read, the server refuses (412) a save over one somebody
 * else saved meanwhile: the form is then left as it is until the user reads it again.
 */
export function useSavePointAssessment(key: Key) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: SaveInput) =>
      versioned(
        client.PUT("/api/v1/cycles/{id}/members/{member_id}/point-assessment", {
          params: { ...path(key).params, header: etag ? { "If-Match": etag } : {} },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKey(key), saved);
      return refreshBoards(queryClient, key.cycleId);
    },
  });
}

/**
 * After the competent level changed a form (appraised, re-rated): the form as answered at once
 * (its tag read again with it), and the board.
 */
function useRemember(key: Key) {
  const queryClient = useQueryClient();
  return (changed: PointAssessment) => {
    queryClient.setQueryData<VersionedAssessment>(assessmentKey(key), {
      assessment: changed,
      etag: "",
    });
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: assessmentKey(key) }),
      refreshBoards(queryClient, key.cycleId),
    ]);
  };
}

/** The competent level's appraisal of a submitted form; the board is read again after it. */
export function useAppraisePoints(key: Key) {
  const remember = useRemember(key);
  return useMutation({
    mutationFn: (body: PointsAppraisalInput) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/members/{member_id}/point-assessment/appraisal", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: remember,
  });
}

/**
 * The branch committee records the branch meeting on a submitted form (S10 step 2): the
 * opinions, the level it proposes and, when the rule set asks for it, the vote; again until
 * the decision. The board is read again after it (the vote may change the level).
 */
export function useBranchReview(key: Key) {
  const remember = useRemember(key);
  return useMutation({
    mutationFn: (body: BranchReviewInput) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/members/{member_id}/point-assessment/branch-review", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: remember,
  });
}

/**
 * The competent level re-rates a decided member (Mẫu 03, S10): the answer is the form with the
 * new decision; the board is read again after it.
 */
export function useRerate(cycleId: number, memberId: number) {
  const remember = useRemember({ cycleId, memberId, period: 0 });
  return useMutation({
    mutationFn: (body: PointsReratingInput) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/members/{member_id}/points-rerating", {
          params: { path: { id: cycleId, member_id: memberId } },
          body,
        }),
      ),
    onSuccess: remember,
  });
}

/** Reads a form again (after a conflict: someone else submitted or decided it). */
export function useRefreshPointAssessment(key: Key) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: assessmentKey(key) });
}

/** Everyone of the cycle with the engine's level today and each group's quota (S7). */
export function usePointsBoard(cycleId: number, outstanding: boolean) {
  return useQuery({
    queryKey: [...boardKey(cycleId), { outstanding }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/points-board", {
          params: { path: { id: cycleId }, query: { outstanding } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * The competent level decides the year (S10), once: the answer is the board as recorded, kept
 * for the quota it was decided under; every board and form of the cycle is read again after it
 * (after `already_decided` too: someone else decided meanwhile).
 */
export function useDecidePoints(cycleId: number) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      refreshBoards(queryClient, cycleId),
      queryClient.invalidateQueries({ queryKey: assessmentsKey(cycleId) }),
    ]);
  return useMutation({
    mutationFn: (body: PointsDecisionInput) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/points-decision", {
          params: { path: { id: cycleId } },
          body,
        }),
      ),
    onSuccess: (after, body) => {
      queryClient.setQueryData(
        [...boardKey(cycleId), { outstanding: body.outstanding ?? false }],
        after,
      );
      return refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "already_decided") void refresh();
    },
  });
}

/**
 * The competent level replaces the cycle's quota groups (S7) before the decision: the answer is
 * the board as the groups now count it, for the quota in force (`outstanding`); the board of
 * the other quota is read again when next shown.
 */
export function useSaveQuotaGroups(cycleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuotaGroupsInput) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/points-quota-groups", {
          params: { path: { id: cycleId } },
          body,
        }),
      ),
    onSuccess: async (after, body) => {
      await queryClient.invalidateQueries({ queryKey: boardKey(cycleId), refetchType: "none" });
      queryClient.setQueryData(
        [...boardKey(cycleId), { outstanding: body.outstanding ?? false }],
        after,
      );
    },
  });
}

/** The points data (frames, facts, quota) of the rule set `name`, or null if it has none. */
export function useRuleSetPoints(name: string | undefined) {
  return useQuery({
    queryKey: ["points-year", "rule-sets"],
    queryFn: () => unwrap(client.GET("/api/v1/rule-sets")),
    staleTime: Infinity,
    enabled: name !== undefined,
    select: (ruleSets) => ruleSets.find((ruleSet) => ruleSet.name === name)?.points ?? null,
  });
}

/** A cycle (the same query as the cycles feature's: one request, one cache entry). */
export function useCycleOf(cycleId: number) {
  return useQuery({
    queryKey: cycleKey(cycleId),
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}", { params: { path: { id: cycleId } } })),
  });
}

/** The active members of a branch, for the branch committee's list of forms. */
export function useMembersOf(organizationId: number | undefined) {
  return useQuery({
    queryKey: ["members", "list", { organization_id: organizationId, per_page: 100 }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/members", {
          params: { query: { organization_id: organizationId, per_page: 100 } },
        }),
      ),
    enabled: organizationId !== undefined,
    select: (page) => page.items.filter((member) => member.active),
  });
}

/** A form's file: DOCX (to edit; the default of the server) or PDF (printed). */
export type DocumentFormat = "docx" | "pdf";

/** Saves the file an answer carries, under the name the server gave it or `fallback`. */
export async function saveDocument(
  request: Promise<{ data?: Blob; error?: unknown; response: Response }>,
  fallback: string,
): Promise<void> {
  const { data, response } = await unwrapResponse(request);
  saveBlob(data, attachmentName(response, fallback));
}

/** A member's report of the year (Mẫu 2A, 2B, 2C) or of a quarter (Mẫu 05), as DOCX or PDF. */
export function downloadAssessment(
  { cycleId, memberId, period }: Key,
  format: DocumentFormat,
): Promise<void> {
  return saveDocument(
    client.GET("/api/v1/cycles/{id}/members/{member_id}/point-assessment/document", {
      params: { path: { id: cycleId, member_id: memberId }, query: { format, period } },
      parseAs: "blob",
    }),
    period === 0 ? `phieu-danh-gia.${format}` : `phieu-danh-gia-quy-${period}.${format}`,
  );
}

/** The decision to re-rate a member (Mẫu 03), as DOCX or PDF. */
export function downloadRerating(
  cycleId: number,
  memberId: number,
  format: DocumentFormat,
): Promise<void> {
  return saveDocument(
    client.GET("/api/v1/cycles/{id}/members/{member_id}/points-rerating/document", {
      params: { path: { id: cycleId, member_id: memberId }, query: { format } },
      parseAs: "blob",
    }),
    `mau-03-xep-loai-lai.${format}`,
  );
}

/** The list of the review records of the year (Mẫu 04), as DOCX or PDF. */
export function downloadRecords(cycleId: number, format: DocumentFormat): Promise<void> {
  return saveDocument(
    client.GET("/api/v1/cycles/{id}/points-records/document", {
      params: { path: { id: cycleId }, query: { format } },
      parseAs: "blob",
    }),
    `mau-04-danh-muc-ho-so.${format}`,
  );
}
