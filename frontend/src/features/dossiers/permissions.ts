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

/**
 * The province above the base (plan II.5: the leaders' dossier goes to the Tỉnh ủy): the base's
 * ancestor of kind `province` among the organisations the user sees (`orgs`), if any.
 */
export function provinceOf(
  ancestorIds: number[] | undefined,
  orgs: { id: number; kind: string }[],
): number | undefined {
  return ancestorIds?.find((id) => orgs.some((org) => org.id === id && org.kind === "province"));
}

/**
 * The province's committee decides on the leaders' dossier: a committee held on the province
 * above the base (`provinceId`, from `provinceOf`); a district's is not. The API decides in the
 * end.
 */
export function decidesLeadersFor(me: Me, provinceId: number | undefined): boolean {
  if (isAdmin(me)) return true;
  return provinceId !== undefined && committeeOrgIds(me).includes(provinceId);
}
