import type { BoardRow } from "@/features/points-year/api/points";
import { decisionLevels, isTie } from "@/features/points-year/labels";

type NamePath = (string | number)[];

/**
 * What the competent level's decision reads of a row of a board: a member's (S10) or a
 * collective's (C2, C3).
 */
export type DecisionRow = {
  decided: boolean;
  status: string;
  level?: string | null;
  reasons: string[];
  /** The quota group it is counted in (S7, C3); none for a collective counted in no group. */
  group?: string | null;
};

/** A row's id: the member's, or the collective's organisation's. */
export type IdOf<R> = (row: R) => number;

/** A member's id on the members' board. */
export const memberIdOf: IdOf<BoardRow> = (row) => row.member_id;

/** A choice as typed so far for a row the engine left unresolved (S10). */
export type ChoiceDraft = { level?: string; reason?: string };
/** The choices typed so far, by `choiceKey` of the row. */
export type ChoiceDrafts = Record<string, ChoiceDraft | undefined>;
/** A choice to send: the row's id, the level chosen and why. */
export type ReadyChoice = { id: number; level: string; reason: string };

/** The API's bounds of a choice's reason (characters, spaces around it aside). */
export const reasonMin = 5;
export const reasonMax = 2000;

/** The form's key of a row's choice (an object key, not an array index). */
export const choiceKey = (id: number) => `r${id}`;

/** The form's name of a row's choice's `field`. */
export const choiceName = (id: number, field: keyof ChoiceDraft): NamePath => [
  "choices",
  choiceKey(id),
  field,
];

/** A row the competent level has to choose a level for (not decided yet). */
export const isUnresolved = (row: DecisionRow) => !row.decided && row.status === "unresolved";

/** The level row `id` ends with: as recorded, else as the engine gives it, else as chosen now. */
export function levelAfter(row: DecisionRow, id: number, drafts: ChoiceDrafts): string | null {
  if (!isUnresolved(row)) return row.level ?? null;
  const level = drafts[choiceKey(id)]?.level;
  return level !== undefined && decisionLevels(row.reasons).includes(level) ? level : null;
}

/** An unresolved row's choice, or null until it has a level and a reason. */
export function choiceOf(row: DecisionRow, id: number, drafts: ChoiceDrafts): ReadyChoice | null {
  const level = levelAfter(row, id, drafts);
  const reason = drafts[choiceKey(id)]?.reason?.trim() ?? "";
  return level === null || reason.length < reasonMin ? null : { id, level, reason };
}

/** The ties of `group` chosen excellent (S7, C3): being chosen, or as decided. */
export function tiesChosenExcellent<R extends DecisionRow>(
  rows: readonly R[],
  idOf: IdOf<R>,
  drafts: ChoiceDrafts,
  group: string,
): number {
  return rows.filter(
    (row) =>
      row.group === group &&
      isTie(row.reasons) &&
      levelAfter(row, idOf(row), drafts) === "excellent",
  ).length;
}

/** Where a 422's `choices[i].…` shows: under the choice of the row `sent` named at `i`. */
export function choiceFieldOf(sent: readonly ReadyChoice[]) {
  return ([root, at, field]: NamePath): NamePath | null => {
    const choice = root === "choices" && typeof at === "number" ? sent[at] : undefined;
    if (choice === undefined) return null;
    return choiceName(choice.id, field === "reason" ? "reason" : "level");
  };
}
