import type {
  BoardRow,
  DecisionChoice,
  PointsDecisionInput,
} from "@/features/points-year/api/points";
import { decisionLevels, isTie } from "@/features/points-year/labels";

type NamePath = (string | number)[];

/** A choice as typed so far for someone the engine left unresolved (S10). */
export type ChoiceDraft = { level?: string; reason?: string };
/** The choices typed so far, by `choiceKey` of the member. */
export type ChoiceDrafts = Record<string, ChoiceDraft | undefined>;

/** The API's bounds of a choice's reason (characters, spaces around it aside). */
export const reasonMin = 5;
export const reasonMax = 2000;

/** The form's key of a member's choice (an object key, not an array index). */
export const choiceKey = (memberId: number) => `m${memberId}`;

/** The form's name of a member's choice's `field`. */
export const choiceName = (memberId: number, field: keyof ChoiceDraft): NamePath => [
  "choices",
  choiceKey(memberId),
  field,
];

/** Someone the competent level has to choose a level for (not decided yet). */
export const isUnresolved = (row: BoardRow) => !row.decided && row.status === "unresolved";

/** The level a row ends with: as recorded, else as the engine gives it, else as chosen now. */
export function levelAfter(row: BoardRow, drafts: ChoiceDrafts): string | null {
  if (!isUnresolved(row)) return row.level ?? null;
  const level = drafts[choiceKey(row.member_id)]?.level;
  return level !== undefined && decisionLevels(row.reasons).includes(level) ? level : null;
}

/** Someone unresolved's choice as the API takes it, or null until it has a level and a reason. */
export function choiceOf(row: BoardRow, drafts: ChoiceDrafts): DecisionChoice | null {
  const level = levelAfter(row, drafts);
  const reason = drafts[choiceKey(row.member_id)]?.reason?.trim() ?? "";
  return level === null || reason.length < reasonMin
    ? null
    : { member_id: row.member_id, level, reason };
}

/** The ties of `group` chosen excellent (S7): being chosen, or as decided. */
export function tiesChosenExcellent(
  rows: readonly BoardRow[],
  drafts: ChoiceDrafts,
  group: string,
): number {
  return rows.filter(
    (row) => row.group === group && isTie(row.reasons) && levelAfter(row, drafts) === "excellent",
  ).length;
}

/** Where a 422's `choices[i].…` shows: under the choice of the member `decision` named at `i`. */
export function choiceFieldOf(decision: PointsDecisionInput) {
  return ([root, at, field]: NamePath): NamePath | null => {
    const choice =
      root === "choices" && typeof at === "number" ? decision.choices?.[at] : undefined;
    if (choice === undefined) return null;
    return choiceName(choice.member_id, field === "reason" ? "reason" : "level");
  };
}
