import type { components } from "@/api/schema";
import { isOrgKind } from "@/lib/domain/org-kinds";
import { isRole } from "@/lib/domain/roles";
import type { Translate } from "@/lib/i18n/use-t";

type RoleAssignment = components["schemas"]["RoleAssignment"];

// A kind or role added to the API after this build was made shows under its identifier.

export function orgKindText(t: Translate, kind: string): string {
  return isOrgKind(kind) ? t(`orgKind.${kind}`) : kind;
}

/** "Chi ủy — Chi bộ Khoa Toán": the role, and the organisation it is held on. */
export function roleText(t: Translate, assignment: RoleAssignment): string {
  const role = isRole(assignment.role) ? t(`role.${assignment.role}`) : assignment.role;
  return assignment.organization_name ? `${role} — ${assignment.organization_name}` : role;
}
