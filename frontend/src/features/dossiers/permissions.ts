import { committeeOrgIds, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";

/** The base's committee submits its dossier (the API refuses anyone else with 403). */
export function submitsFor(me: Me, baseId: number): boolean {
  return isAdmin(me) || committeeOrgIds(me).includes(baseId);
}

/**
 * The committee above the base decides: one held on an ancestor of the base (`ancestorIds`, when
 * known; otherwise any committee other than the base's own). The API decides in the end.
 */
export function decidesFor(me: Me, baseId: number, ancestorIds: number[] | undefined): boolean {
  if (isAdmin(me)) return true;
  return committeeOrgIds(me).some((id) =>
    ancestorIds === undefined ? id !== baseId : ancestorIds.includes(id),
  );
}
