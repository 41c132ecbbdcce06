import type { Me } from "@/lib/auth/use-session";
import { hasRole, isAdmin } from "@/lib/auth/permissions";
import { isOneOf } from "@/lib/domain/members";
import type { OrgAssessment } from "@/features/org-classification/api/org-classification";
import type { OrgSheetInfo, Threshold } from "@/features/org-classification/api/rule-sets";
import type { OrgMessageKey, OrgTranslate } from "@/features/org-classification/messages";
import {
  factEffects,
  pointsQuotaBases,
  quarterRules,
  quotaScopes,
} from "@/lib/classification/points";

// O1: the levels of a party organisation, highest first.
export const orgLevels = ["clean_strong", "good", "completed", "weak"] as const;
export type OrgLevel = (typeof orgLevels)[number];
// O3: the ratings of a unit (commune, ward, department).
export const unitRatings = ["outstanding", "good", "fair", "average", "weak"] as const;
const sheetStatuses = ["not_started", "submitted", "reviewed"] as const;
const quotaBases = ["good_or_better", "good"] as const;

export function orgLevelText(t: OrgTranslate, level: string): string {
  return isOneOf(orgLevels, level) ? t(`orgClass.level.${level}`) : level;
}

export function orgLevelColor(level: string | null | undefined): string {
  switch (level) {
    case "clean_strong":
      return "green";
    case "good":
      return "blue";
    case "completed":
      return "gold";
    case "weak":
      return "red";
    default:
      return "default";
  }
}

export function unitRatingText(t: OrgTranslate, rating: string): string {
  return isOneOf(unitRatings, rating) ? t(`orgClass.unit.${rating}`) : rating;
}

export function sheetStatusText(t: OrgTranslate, status: string): string {
  return isOneOf(sheetStatuses, status) ? t(`orgClass.status.${status}`) : status;
}

export function sheetStatusColor(status: string): string {
  return status === "reviewed" ? "green" : status === "submitted" ? "processing" : "default";
}

export function quotaBasisText(t: OrgTranslate, basis: string): string {
  return isOneOf(quotaBases, basis) ? t(`ruleSets.basis.${basis}`) : basis;
}

const methods = ["ballot", "points"] as const;

/** "Bỏ phiếu (2016)" or "Chấm điểm 100 điểm (2025)". */
export function methodText(t: OrgTranslate, method: string): string {
  return isOneOf(methods, method) ? t(`ruleSets.method.${method}`) : method;
}

function oneOf(
  t: OrgTranslate,
  choices: readonly string[],
  prefix: string,
  value: string,
): string {
  return choices.includes(value) ? t(`${prefix}.${value}` as OrgMessageKey) : value;
}

/** S6, C2: what a fact does to the level. */
export function factEffectText(t: OrgTranslate, effect: string): string {
  return oneOf(t, factEffects, "points.effect", effect);
}

/** S7: whom the share is taken of. */
export function pointsBasisText(t: OrgTranslate, basis: string): string {
  return oneOf(t, pointsQuotaBases, "points.basis", basis);
}

/** S7: where the quota is counted. */
export function quotaScopeText(t: OrgTranslate, scope: string): string {
  return oneOf(t, quotaScopes, "points.scope", scope);
}

/** S9: how the quarters weigh on the year. */
export function quarterRuleText(t: OrgTranslate, rule: string): string {
  return oneOf(t, quarterRules, "points.quarter", rule);
}

/** "> 2/3" or "≥ 1/2": votes × den compared with D × num (M6). */
export function thresholdText({ num, den, strict }: Threshold): string {
  return `${strict ? ">" : "≥"} ${num}/${den}`;
}

/** O4: the level a total gives by the rule set's cut-offs (at least the cut-off). */
export function levelOfTotal(sheet: OrgSheetInfo, total: number): OrgLevel {
  if (total >= sheet.clean_strong) return "clean_strong";
  if (total >= sheet.good) return "good";
  if (total >= sheet.completed) return "completed";
  return "weak";
}

export type SheetMode = "self" | "superior" | "readOnly";

/**
 * How `me` works on an organisation's sheet: its own committee (or branch committee) scores it;
 * the committees above and administrators review it (the API has the last word: 403).
 */
export function sheetModeFor(me: Me, orgId: number): SheetMode {
  const own = me.roles.some(
    (assignment) =>
      (assignment.role === "committee" || assignment.role === "branch_committee") &&
      assignment.organization_id === orgId,
  );
  if (own) return "self";
  if (isAdmin(me) || hasRole(me, "committee")) return "superior";
  return "readOnly";
}

/**
 * The organisations `me` scores as their own in the cycle: the branches it is the branch
 * committee of, and the cycle's own organisation when `me` is its committee.
 */
export function ownOrganizations(
  me: Me,
  cycleOrganizationId: number,
): { id: number; name: string }[] {
  const seen = new Set<number>();
  return me.roles.flatMap((assignment) => {
    const id = assignment.organization_id;
    const own =
      assignment.role === "branch_committee" ||
      (assignment.role === "committee" && id === cycleOrganizationId);
    if (id == null || !own || seen.has(id)) return [];
    seen.add(id);
    return [{ id, name: assignment.organization_name ?? String(id) }];
  });
}

/**
 * O5: whether the district standing committee could cancel the sheet's recognition — reviewed,
 * and clean_strong or exemplary (the API has the last word: 403, 409).
 */
export function hasRecognition(assessment: OrgAssessment): boolean {
  return (
    assessment.status === "reviewed" &&
    (assessment.level === "clean_strong" || assessment.exemplary)
  );
}
