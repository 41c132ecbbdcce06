import type {
  CollectiveLevelCounts,
  CollectiveRow,
  DecisionScope,
} from "@/features/points-year/api/collectives";
import type { Cycle } from "@/features/points-year/api/points";
import type { IdOf } from "@/features/points-year/decision";
import {
  branchCommitteeOrgIds,
  committeeOrgIds,
  hasRole,
  isAdmin,
} from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";

// RULES-2025.md C2: the committee directly above a collective appraises and decides it — the
// cycle's organisation's committee its branches, a committee above the organisation itself.
// The API checks it again; these only choose what to offer.

type CycleOrg = Pick<Cycle, "organization_id">;

/** A collective's id on the collectives' board. */
export const collectiveIdOf: IdOf<CollectiveRow> = (row) => row.organization_id;

/** The row of the cycle's organisation itself (the others are its branches). */
export function isOrganizationRow(row: Pick<CollectiveRow, "organization_id">, cycle: CycleOrg) {
  return row.organization_id === cycle.organization_id;
}

/** The committee of the cycle's organisation: appraises and decides its branches (C2, C3). */
export function decidesBranches(me: Me, cycle: CycleOrg): boolean {
  return isAdmin(me) || committeeOrgIds(me).includes(cycle.organization_id);
}

/**
 * The committee directly above the cycle's organisation (of `parentId`, its parent, once
 * read): appraises and decides the organisation itself (C2, guidance 3).
 */
export function decidesOrganization(me: Me, parentId: number | null | undefined): boolean {
  return isAdmin(me) || (parentId != null && committeeOrgIds(me).includes(parentId));
}

/** Whether `me` appraises and decides the collective of `row`. */
export function decidesRow(
  me: Me,
  cycle: CycleOrg,
  parentId: number | null | undefined,
  row: Pick<CollectiveRow, "organization_id">,
) {
  return isOrganizationRow(row, cycle)
    ? decidesOrganization(me, parentId)
    : decidesBranches(me, cycle);
}

/**
 * C4: the parts are decided before the whole — the members (their decision recorded) before
 * the branches, every branch before the organisation.
 */
export function partsDecided(
  rows: readonly CollectiveRow[],
  cycle: CycleOrg,
  scope: DecisionScope,
): boolean {
  if (scope === "organization") {
    return rows.filter((row) => !isOrganizationRow(row, cycle)).every((row) => row.decided);
  }
  const top = rows.find((row) => isOrganizationRow(row, cycle));
  return (top?.members.decided ?? 0) > 0;
}

/**
 * C1: the collective's own committee scores it — a branch's committee (or a committee above
 * entering its paper form), the organisation's own committee for the organisation.
 */
export function writesCollective(
  me: Me,
  collective: { kind: string; organization_id: number },
): boolean {
  if (isAdmin(me)) return true;
  if (collective.kind === "branch") {
    return (
      hasRole(me, "committee") || branchCommitteeOrgIds(me).includes(collective.organization_id)
    );
  }
  return committeeOrgIds(me).includes(collective.organization_id);
}

/** The levels counted beside a collective, in the levels' order, without those at 0. */
export const countedLevels = ["excellent", "good", "completed", "not_completed", "other"] as const;

export function levelCountsOf(counts: CollectiveLevelCounts) {
  return countedLevels
    .map((level) => ({ level, n: counts[level] }))
    .filter(({ n }) => n > 0);
}
