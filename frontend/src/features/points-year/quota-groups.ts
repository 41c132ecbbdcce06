import type { BoardRow, QuotaGroupsInput } from "@/features/points-year/api/points";
import type { Organization } from "@/lib/org-tree";

type NamePath = (string | number)[];

/** A quota group as the editor holds it (S7). */
export type GroupDraft = { name: string; member_ids: number[] };

/**
 * The group a row is in when the competent level puts it in none (S7): the members of one base
 * organisation on the same frame (`<base code>/<frame>`), or one branch when the rule set counts
 * the quota per branch; null when the organisations at hand do not say.
 */
export function defaultGroupOf(
  row: Pick<BoardRow, "branch_id" | "frame">,
  orgs: ReadonlyMap<number, Organization>,
  scope: string | undefined,
): string | null {
  const branch = orgs.get(row.branch_id);
  if (branch === undefined) return null;
  if (scope === "branch") return branch.code;
  const base = [branch.id, ...[...branch.ancestor_ids].reverse()]
    .map((id) => orgs.get(id))
    .find((org) => org?.kind === "base");
  return base ? `${base.code}/${row.frame}` : null;
}

/**
 * The groups the competent level defined, as the board shows them: every group a row is in
 * other than its default one, with its members in the board's order. (A row whose default is
 * unknown counts as in a defined group: saving keeps it where it is.)
 */
export function definedGroups(
  rows: readonly BoardRow[],
  defaultOf: (row: BoardRow) => string | null,
): GroupDraft[] {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    if (row.group === defaultOf(row)) continue;
    groups.set(row.group, [...(groups.get(row.group) ?? []), row.member_id]);
  }
  return [...groups].map(([name, member_ids]) => ({ name, member_ids }));
}

/** The groups typed, as the API takes them (names without spaces around). */
export function quotaGroupsBody(
  drafts: readonly Partial<GroupDraft>[] | undefined,
  outstanding: boolean,
): QuotaGroupsInput {
  return {
    groups: (drafts ?? []).map((draft) => ({
      name: (draft.name ?? "").trim(),
      member_ids: draft.member_ids ?? [],
    })),
    outstanding,
  };
}

/** Where a 422's `groups[i].name` and `groups[i].member_ids[j]` show: under that group's inputs. */
export function groupFieldOf([root, at, field]: NamePath): NamePath | null {
  if (root !== "groups" || typeof at !== "number") return null;
  if (field === "name" || field === "member_ids") return ["groups", at, field];
  return null;
}

/** The member `groups[i].member_ids[j]` of `body` names, if the path is one. */
export function memberAt(body: QuotaGroupsInput, [root, at, field, j]: NamePath): number | null {
  if (root !== "groups" || field !== "member_ids") return null;
  if (typeof at !== "number" || typeof j !== "number") return null;
  return body.groups[at]?.member_ids[j] ?? null;
}
