import type { components } from "@/api/schema";
import type { PointsMessageKey, PointsTranslate } from "@/features/points-year/messages";
import { isOneOf } from "@/lib/domain/members";

type Cycle = components["schemas"]["Cycle"];
type FactInfo = components["schemas"]["FactInfo"];
type FrameInfo = components["schemas"]["FrameInfo"];

// A value added to the API after this build was made shows under its identifier.

export const assessmentStatuses = [
  "not_started",
  "draft",
  "submitted",
  "appraised",
  "decided",
] as const;
export const resultStatuses = ["classified", "pending", "not_classified", "unresolved"] as const;
const knownFacts = [
  "degradation",
  "duty_discipline",
  "forbidden_conduct",
  "half_tasks_failed",
  "units_under_70",
  "units_half_not_completed",
  "low_confidence",
  "managed_wrongdoing",
  // C2: collectives'.
  "cadre_work_wrongdoing",
  "leader_disciplined",
  "subordinate_disciplined",
] as const;
const plainReasons = [
  "S5",
  "S5-gap",
  "S6-mitigated",
  "S7",
  "S7-tie",
  "S9",
  "S10",
  "S10-vote",
  "C2-mitigated",
  "C3",
] as const;

/** The cycle's frozen rule set classifies by points (RULES-2025.md), not by a branch ballot. */
export function isPointsCycle(cycle: Pick<Cycle, "rule_set" | "rules">): boolean {
  const method = (cycle.rules as { method?: unknown } | null)?.method;
  return method === undefined ? cycle.rule_set === "tw-366-2025" : method === "points";
}

/**
 * S10: whether the points rule set also asks the branch to vote (off in tw-366-2025), its
 * meeting recording the tally on each member's form — as the cycle froze its rule set, else as
 * the rule set's points data say (`points`, once read).
 */
export function branchVoteOf(
  cycle: Pick<Cycle, "rules"> | undefined,
  points: { branch_vote: boolean } | null | undefined,
): boolean {
  const rules = cycle?.rules as { points?: { branch_vote?: unknown } | null } | null | undefined;
  const frozen = rules?.points?.branch_vote;
  return typeof frozen === "boolean" ? frozen : points?.branch_vote === true;
}

/**
 * S10: a result without a level waits for the branch's vote (none recorded, or one that reached
 * no level: the branch votes again); with a level, the vote capped it.
 */
export function waitsForVote(reasons: readonly string[]): boolean {
  return reasons.includes("S10-vote");
}

/** A form that is submitted (or further on) no longer changes. */
export function isSubmitted(status: string): boolean {
  return status === "submitted" || status === "appraised" || status === "decided";
}

/** Whether the competent level has appraised the form (S10 step 3). */
export function hasAppraisal(assessment: {
  appraised_at?: string | null;
  appraised_points?: Record<string, number> | null;
}): boolean {
  return assessment.appraised_at != null || assessment.appraised_points != null;
}

/** The competent level scores a submitted form again, until it decides. */
export function mayAppraise(status: string): boolean {
  return status === "submitted" || status === "appraised";
}

/** A decided result the competent level may re-rate (Mẫu 03): the year's form decided. */
export function mayRerate(row: { decided: boolean; assessment: string }): boolean {
  return row.decided && row.assessment === "decided";
}

/** The engine left a tie at the boundary of the group's quota to the competent level (S7). */
export function isTie(reasons: readonly string[]): boolean {
  return reasons.includes("S7-tie");
}

/**
 * The levels the competent level may choose for someone the engine left unresolved (S10): a
 * tie (S7-tie) excellent or good, within the group's limit; a gap (S5-gap) completed or not.
 */
export function decisionLevels(reasons: readonly string[]): readonly string[] {
  return isTie(reasons) ? ["excellent", "good"] : ["completed", "not_completed"];
}

/** The status of what a single form indicates (the engine gives only a level and reasons). */
export function indicatedStatus(
  level: string | null | undefined,
  reasons: string[],
  assessmentStatus: string,
): string {
  if (level) return "classified";
  // S10: the branch's vote is awaited (or reached no level).
  if (waitsForVote(reasons)) return "pending";
  // S3 for a person; C2 alone, without a level, for a collective whose form is not submitted.
  if (reasons.includes("S3") || reasons.includes("C2")) {
    return isSubmitted(assessmentStatus) ? "not_classified" : "pending";
  }
  return "unresolved";
}

export function assessmentStatusText(pt: PointsTranslate, status: string): string {
  return isOneOf(assessmentStatuses, status) ? pt(`status.${status}`) : status;
}

export function assessmentStatusColor(status: string): string | undefined {
  switch (status) {
    case "draft":
      return "default";
    case "submitted":
      return "processing";
    case "appraised":
      return "purple";
    case "decided":
      return "success";
    default:
      return undefined;
  }
}

export function resultStatusText(
  pt: PointsTranslate,
  status: string,
  reasons: readonly string[] = [],
): string {
  // Pending on the branch's vote (S10), not on a form.
  if (status === "pending" && waitsForVote(reasons)) return pt("result.pendingVote");
  return isOneOf(resultStatuses, status) ? pt(`result.${status}`) : status;
}

/** "F4 — Mẫu 2B: Cán bộ, công chức, viên chức …" */
export function frameText(pt: PointsTranslate, frame: FrameInfo): string {
  return pt("form.frameText", { frame: frame.frame, form: frame.form, who: frame.who });
}

export function periodText(pt: PointsTranslate, period: number): string {
  return period === 0 ? pt("period.year") : pt("period.quarter", { n: period });
}

/** The period a page's `?period=` names: the year unless a quarter 1–4. */
export function periodOf(value: string | null): number {
  const period = Number(value);
  return Number.isInteger(period) && period >= 1 && period <= 4 ? period : 0;
}

/** An S6 fact in words: as the rule set labels it, else as this build knows it. */
export function factText(pt: PointsTranslate, code: string, facts: readonly FactInfo[] = []) {
  const known = facts.find((fact) => fact.code === code);
  if (known) return known.label;
  return isOneOf(knownFacts, code) ? pt(`fact.${code}` as PointsMessageKey) : code;
}

/**
 * What a reason of the engine (RULES-2025.md: S3, S5, S6-…, S7, …; C2, C2-… for collectives)
 * means, in words; `status` tells S3's two cases apart (pending or not classified), and C2's
 * (pending, or classified by the points).
 */
export function reasonText(
  pt: PointsTranslate,
  reason: string,
  status?: string,
  facts: readonly FactInfo[] = [],
): string {
  if (reason === "S3") return status === "pending" ? pt("reason.S3.pending") : pt("reason.S3");
  if (reason === "C2") return status === "pending" ? pt("reason.C2.pending") : pt("reason.C2");
  // S10: the branch's vote awaited (pending), or the level it capped.
  if (reason === "S10-vote" && status === "pending") return pt("reason.S10-vote.pending");
  if (isOneOf(plainReasons, reason)) return pt(`reason.${reason}`);
  // A fact found: S6 for a person, C2 for a collective.
  if (reason.startsWith("S6-") || reason.startsWith("C2-")) {
    return pt("reason.S6", { fact: factText(pt, reason.slice(3), facts) });
  }
  return reason;
}
