import type { components } from "@/api/schema";
import {
  classificationLevels,
  genders,
  historySources,
  isOneOf,
  leadershipLevels,
  leftReasons,
  memberCategories,
  memberStatuses,
} from "@/lib/domain/members";
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

// A member's choices, in words (GLOSSARY "Members").

export function genderText(t: Translate, value: string): string {
  return isOneOf(genders, value) ? t(`member.gender.${value}`) : value;
}

export function memberStatusText(t: Translate, value: string): string {
  return isOneOf(memberStatuses, value) ? t(`member.status.${value}`) : value;
}

export function memberCategoryText(t: Translate, value: string): string {
  return isOneOf(memberCategories, value) ? t(`member.category.${value}`) : value;
}

export function leadershipLevelText(t: Translate, value: string): string {
  return isOneOf(leadershipLevels, value) ? t(`member.leadershipLevel.${value}`) : value;
}

export function leftReasonText(t: Translate, value: string): string {
  return isOneOf(leftReasons, value) ? t(`member.leftReason.${value}`) : value;
}

export function classificationLevelText(t: Translate, value: string): string {
  return isOneOf(classificationLevels, value) ? t(`level.${value}`) : value;
}

export function historySourceText(t: Translate, value: string): string {
  return isOneOf(historySources, value) ? t(`history.source.${value}`) : value;
}
