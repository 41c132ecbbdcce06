// GLOSSARY "Members": the identifiers the API uses for a member's choices, in the order the UI
// lists them.
export const genders = ["male", "female"] as const;
export const memberStatuses = ["official", "probationary"] as const;
export const memberCategories = [
  "civil_servant",
  "student",
  "business",
  "resident",
  "other",
] as const;
export const leadershipLevels = ["grassroots", "above_grassroots"] as const;
export const leftReasons = [
  "transfer",
  "death",
  "expulsion",
  "removal",
  "resignation",
  "other",
] as const;
// Mức xếp loại đảng viên (M1), best first.
export const classificationLevels = ["excellent", "good", "completed", "not_completed"] as const;
// Where a year's result comes from.
// What the API writes (members::upsert_history): "classified" and "reclassified" by the system,
// "imported" from earlier years; "recorded" kept for older entries.
export const historySources = ["recorded", "classified", "reclassified", "imported"] as const;

export type Gender = (typeof genders)[number];
export type MemberStatus = (typeof memberStatuses)[number];
export type MemberCategory = (typeof memberCategories)[number];
export type LeadershipLevel = (typeof leadershipLevels)[number];
export type LeftReason = (typeof leftReasons)[number];
export type ClassificationLevel = (typeof classificationLevels)[number];
export type HistorySource = (typeof historySources)[number];

/** Whether `value` is one of `choices` (a value added to the API later is not). */
export function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}
