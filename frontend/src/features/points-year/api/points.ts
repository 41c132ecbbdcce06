import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];

// RULES-2025.md: every points value the API sends or takes is in tenths (300 = 30 points).
export type PointAssessment = Schemas["PointAssessment"];
export type SaveAssessment = Schemas["SaveAssessment"];
export type PointsBoard = Schemas["PointsBoard"];
export type BoardRow = Schemas["BoardRow"];
export type QuotaGroupInfo = Schemas["QuotaGroupInfo"];
export type RuleSetInfo = Schemas["RuleSetInfo"];
export type Cycle = Schemas["Cycle"];
export type Member = Schemas["Member"];

/** The appraisal's body (S10). */
export type PointsAppraisalInput = Schemas["PointsAppraisal"];
/** The competent level's decision on the year (S10): a choice for everyone unresolved. */
export type PointsDecisionInput = Schemas["PointsDecision"];
export type DecisionChoice = Schemas["Choice"];

/** 0: the year (Mẫu 2A, 2B, 2C); 1–4: a quarter (Mẫu 05, S9). */
export const periods = [0, 1, 2, 3, 4] as const;

type Key = { cycleId: number; memberId: number; period: number };

// Under the cycles feature's key of the cycle: a change to the cycle refreshes these too.
const cycleKey = (cycleId: number) => ["cycles", "one", cycleId];

const assessmentsKey = (cycleId: number) => [...cycleKey(cycleId), "point-assessments"];
const assessmentKey = ({ cycleId, memberId, period }: Key) => [
  ...assessmentsKey(cycleId),
  memberId,
  period,
];
const boardKey = (cycleId: number) => [...cycleKey(cycleId), "points-board"];

const path = ({ cycleId, memberId, period }: Key) => ({
  params: { path: { id: cycleId, member_id: memberId }, query: { period } },
});

/** A member's points form for the year or a quarter (`not_started` before the first save). */
export function usePointAssessment(key: Key, enabled = true) {
  return useQuery({
    queryKey: assessmentKey(key),
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}/members/{member_id}/point-assessment", path(key))),
    enabled,
  });
}

/** Saves (a draft) or submits the person's own part; the answer is the form as stored. */
export function useSavePointAssessment(key: Key) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveAssessment) =>
      unwrap(
        client.PUT("/api/v1/cycles/{id}/members/{member_id}/point-assessment", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKey(key), saved);
      return queryClient.invalidateQueries({ queryKey: boardKey(key.cycleId) });
    },
  });
}

/** The competent level's appraisal of a submitted form; the board is read again after it. */
export function useAppraisePoints(key: Key) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PointsAppraisalInput) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/members/{member_id}/point-assessment/appraisal", {
          ...path(key),
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKey(key), saved);
      return queryClient.invalidateQueries({ queryKey: boardKey(key.cycleId) });
    },
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
      queryClient.invalidateQueries({ queryKey: boardKey(cycleId) }),
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
