import type { components } from "@/api/schema";
import type { Me } from "@/lib/auth/use-session";
import type { Role } from "@/lib/domain/roles";

type Organization = components["schemas"]["Organization"];

/** The parts of the app behind a role; the API refuses the others anyway. */
export type Area = "organizations" | "users" | "audit" | "serviceAccounts";

const areaRoles: Record<Area, readonly Role[]> = {
  organizations: ["admin", "committee", "branch_committee", "inspection", "integration"],
  users: ["admin", "committee"],
  audit: ["admin", "committee"],
  serviceAccounts: ["admin"],
};

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.some((assignment) => assignment.role === role);
}

export function isAdmin(me: Me): boolean {
  return hasRole(me, "admin");
}

export function canUse(me: Me, area: Area): boolean {
  return areaRoles[area].some((role) => hasRole(me, role));
}

function committeeOrgIds(me: Me): number[] {
  return me.roles.flatMap((assignment) =>
    assignment.role === "committee" && assignment.organization_id != null
      ? [assignment.organization_id]
      : [],
  );
}

/** `org` is one of `ids` or lies below one of them. */
function inSubtreeOf(org: Organization, ids: number[]): boolean {
  return ids.some((id) => org.id === id || org.ancestor_ids.includes(id));
}

/**
 * Creating under `org` (`creating`), or renaming, moving or deleting it: admins anywhere,
 * committees strictly inside their subtree (they may create directly under their own
 * organisation but not alter it).
 */
export function canManageOrg(me: Me, org: Organization, creating: boolean): boolean {
  if (isAdmin(me)) return true;
  const ids = committeeOrgIds(me);
  return creating ? inSubtreeOf(org, ids) : ids.some((id) => org.ancestor_ids.includes(id));
}

/** Whether `me` manages users and roles on `org`: admins anywhere, committees in their subtree. */
export function administersOrg(me: Me, org: Organization): boolean {
  return isAdmin(me) || inSubtreeOf(org, committeeOrgIds(me));
}
