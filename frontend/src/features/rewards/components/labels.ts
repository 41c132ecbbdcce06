import type { YearLevel } from "@/features/rewards/api/rewards";
import type { RewardsMessageKey, RewardsTranslate } from "@/features/rewards/messages";

export const rewards = [
  "member_certificate",
  "member_commendation",
  "branch_certificate",
  "base_certificate",
  "base_commendation",
  "base_banner",
] as const;
export type Reward = (typeof rewards)[number];

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function rewardText(rt: RewardsTranslate, reward: string): string {
  return isOneOf(rewards, reward) ? rt(`reward.${reward}`) : reward;
}

/**
 * The rewards a nominating organisation of kind `nominatingKind` proposes for a nominee (a
 * member, or an organisation of kind `nomineeKind`): a base gives W2 and W4, a district W3 and W5.
 */
export function rewardsFor(nominatingKind: string, nomineeKind: string): Reward[] {
  if (nominatingKind === "base") {
    if (nomineeKind === "member") return ["member_certificate"];
    return nomineeKind === "branch" ? ["branch_certificate"] : [];
  }
  if (nominatingKind === "district") {
    if (nomineeKind === "member") return ["member_commendation"];
    return nomineeKind === "base" ? ["base_certificate", "base_commendation", "base_banner"] : [];
  }
  return [];
}

/** The qualifying level of W1: `excellent` for a member, `clean_strong` and exemplary otherwise. */
export function qualifies(year: YearLevel): boolean {
  return year.level === "excellent" || (year.level === "clean_strong" && year.exemplary);
}

const yearLevels = [
  "excellent",
  "good",
  "completed",
  "not_completed",
  "clean_strong",
  "weak",
] as const;

/** A year of the evidence in words: "Xuất sắc", "TSVM tiêu biểu", "thiếu" when missing. */
export function yearLevelText(rt: RewardsTranslate, year: YearLevel): string {
  if (year.level == null) return rt("rewards.missing");
  if (year.level === "clean_strong" && year.exemplary) return rt("yearLevel.exemplary");
  return isOneOf(yearLevels, year.level) ? rt(`yearLevel.${year.level}`) : year.level;
}

export function yearLevelColor(year: YearLevel): string {
  if (year.level == null) return "default";
  return qualifies(year) ? "green" : "orange";
}

export const nominationStatuses = ["nominated", "approved", "rejected", "revoked"] as const;

export function statusText(rt: RewardsTranslate, status: string): string {
  return isOneOf(nominationStatuses, status)
    ? rt(`rewards.status.${status}` as RewardsMessageKey)
    : status;
}

const statusColors: Record<string, string> = {
  nominated: "blue",
  approved: "green",
  rejected: "orange",
  revoked: "red",
};

export function statusColor(status: string): string {
  return statusColors[status] ?? "default";
}
