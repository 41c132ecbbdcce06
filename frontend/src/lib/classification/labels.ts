import { isOneOf } from "@/lib/domain/members";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/use-t";

// RULES.md: the rule ids a result may carry, each explained to the user.
export const ruleIds = ["M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "Q4", "Q4-tie"] as const;
export const resultStatuses = ["classified", "pending", "not_classified", "unresolved"] as const;
export const professionalRatings = [
  "excellent",
  "good",
  "completed",
  "completed_limited",
  "not_completed",
] as const;
export const honours = [
  "emulation_title",
  "ministry_province_commendation",
  "certificate_of_merit",
  "academic_excellent",
] as const;
export const unitRatings = ["excellent", "good", "completed", "not_completed"] as const;
export const partyOrgRatings = ["clean_strong", "good", "completed", "weak"] as const;
// The member's flags the engine reads, shown as checkboxes.
export const flags = [
  "present",
  "self_review_submitted",
  "exempt",
  "attached",
  "long_absence",
  "discipline_in_force",
  "faults",
  "attested_exemplary",
] as const;
export type Flag = (typeof flags)[number];

/** What rule `id` means, or null for an id this build does not know. */
export function ruleText(t: Translate, id: string): string | null {
  return isOneOf(ruleIds, id) ? t(`whatIf.rule.${id}` as MessageKey) : null;
}

/** The element id of rule `id` in the list of rules on the rule sets page. */
export function ruleAnchor(id: string): string {
  return `rule-${id}`;
}

/** Where rule `id` is explained: its entry on the rule sets page. */
export function ruleHref(id: string): string {
  return `/rule-sets#${ruleAnchor(id)}`;
}

const quotaBases = ["Q1", "Q2", "Q3"] as const;

/** Which quota rule set the limit on excellent. */
export function quotaBasisText(t: Translate, basis: string): string {
  return isOneOf(quotaBases, basis) ? t(`whatIf.basis.${basis}` as MessageKey) : basis;
}

export function resultStatusText(t: Translate, status: string): string {
  return isOneOf(resultStatuses, status) ? t(`whatIf.status.${status}` as MessageKey) : status;
}

export function partyOrgRatingText(t: Translate, rating: string): string {
  return isOneOf(partyOrgRatings, rating) ? t(`whatIf.partyOrg.${rating}` as MessageKey) : rating;
}

export function levelColor(level: string | null): string {
  switch (level) {
    case "excellent":
      return "green";
    case "good":
      return "blue";
    case "completed":
      return "gold";
    case "not_completed":
      return "red";
    default:
      return "default";
  }
}
