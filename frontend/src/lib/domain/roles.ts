import type { OrgKind } from "@/lib/domain/org-kinds";

// GLOSSARY "Organisation": the roles, in the order the UI lists them.
export const roles = [
  "admin",
  "committee",
  "branch_committee",
  "inspection",
  "feedback_provider",
  "member",
  "integration",
] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

// The organisation kinds each role may be held on (the API answers 422 kind_mismatch otherwise).
const allowedKinds: Record<Exclude<Role, "admin">, readonly OrgKind[]> = {
  committee: ["province", "district", "base"],
  inspection: ["province", "district", "base"],
  integration: ["province", "district", "base"],
  branch_committee: ["branch"],
  member: ["branch", "cell"],
  feedback_provider: ["province", "district", "base", "branch", "cell"],
};

export function roleAllowedOn(role: Role, kind: OrgKind): boolean {
  return role !== "admin" && allowedKinds[role].includes(kind);
}

/** The roles a user may grant to a person: `integration` belongs to service accounts only. */
export function grantableRoles(isAdmin: boolean): Role[] {
  return roles.filter((role) => role !== "integration" && (isAdmin || role !== "admin"));
}
