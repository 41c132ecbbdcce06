import type { components } from "@/api/schema";
import type { Me } from "@/lib/auth/use-session";
import type { Role } from "@/lib/domain/roles";

type Organization = components["schemas"]["Organization"];

/** The parts of the app behind a role; the API refuses the others anyway. */
export type Area =
  | "organizations"
  | "users"
  | "audit"
  | "serviceAccounts"
  | "members"
  | "memberImport"
  | "cycles"
  | "myReview"
  | "feedback"
  | "suggestions"
  | "whatIf"
  | "orgClassification"
  | "ruleSets"
  | "rewards"
  | "reports"
  | "dossiers"
  | "webhooks";

// The roles that read members of an organisation's subtree (a `member` reads only their own).
const memberReaders: readonly Role[] = [
  "admin",
  "committee",
  "branch_committee",
  "inspection",
  "integration",
];
// The roles that create, change and delete member records (admins anywhere, the others on
// their subtree); integration clients may import too.
const memberEditors: readonly Role[] = ["admin", "committee", "branch_committee"];

const areaRoles: Record<Area, readonly Role[]> = {
  organizations: ["admin", "committee", "branch_committee", "inspection", "integration"],
  users: ["admin", "committee"],
  audit: ["admin", "committee"],
  serviceAccounts: ["admin"],
  members: [...memberReaders, "member"],
  memberImport: [...memberEditors, "integration"],
  cycles: ["admin", "committee", "branch_committee", "inspection"],
  myReview: ["member"],
  // The providers answer the requests assigned to them; a branch committee may be one too.
  feedback: ["feedback_provider", "branch_committee"],
  // P3: the inspection commission issues suggestions; committees and branch committees too.
  suggestions: ["admin", "committee", "branch_committee", "inspection"],
  // Trying the classification rules on a made-up branch: anyone but a plain member.
  whatIf: [
    "admin",
    "committee",
    "branch_committee",
    "inspection",
    "feedback_provider",
    "integration",
  ],
  // O1–O4: organisations' sheets and levels; the API decides who scores and who reviews.
  orgClassification: ["admin", "committee", "branch_committee"],
  // The rule sets the cycles choose from: anyone but a plain member reads them.
  ruleSets: [
    "admin",
    "committee",
    "branch_committee",
    "inspection",
    "feedback_provider",
    "integration",
  ],
  // W1–W6: a base's or a district's committee nominates; the committee above decides.
  rewards: ["admin", "committee"],
  // The year's statistics of an organisation's subtree.
  reports: ["admin", "committee", "branch_committee", "inspection"],
  // D4: a base's committee submits its yearly dossier, the committee above decides; inspection reads.
  dossiers: ["admin", "committee", "inspection"],
  webhooks: ["admin"],
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

/** The organisations on which `me` holds one of `roles`. */
function orgIdsOf(me: Me, roles: readonly Role[]): number[] {
  return me.roles.flatMap((assignment) =>
    (roles as readonly string[]).includes(assignment.role) && assignment.organization_id != null
      ? [assignment.organization_id]
      : [],
  );
}

/** The organisations on which `me` is the committee (cấp ủy). */
export function committeeOrgIds(me: Me): number[] {
  return orgIdsOf(me, ["committee"]);
}

/** The organisations whose inspection commission the user sits on. */
export function inspectionOrgIds(me: Me): number[] {
  return orgIdsOf(me, ["inspection"]);
}

/** `org` is one of `ids` or lies below one of them. */
export function inSubtreeOf(org: Organization, ids: number[]): boolean {
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

/** A member who reads no organisation's members: they see their own record only. */
export function readsOwnRecordOnly(me: Me): boolean {
  return !memberReaders.some((role) => hasRole(me, role));
}

/** Whether `me` changes member records anywhere at all (to offer creating one). */
export function editsMembers(me: Me): boolean {
  return memberEditors.some((role) => hasRole(me, role));
}

/**
 * Creating, changing or deleting the members of `org` (a branch): admins anywhere, committees
 * on their subtree, a branch committee on its branch.
 */
export function canEditMembersIn(me: Me, org: Organization): boolean {
  return isAdmin(me) || inSubtreeOf(org, orgIdsOf(me, ["committee", "branch_committee"]));
}

/** Importing members into `org` (a branch): its editors, and integration clients above it. */
export function canImportMembersInto(me: Me, org: Organization): boolean {
  return canEditMembersIn(me, org) || inSubtreeOf(org, orgIdsOf(me, ["integration"]));
}

/**
 * The system's own pages (its status, the API documentation, the rule sets): administrators and
 * committees, not members nor the mass organisations that give feedback.
 */
export function seesSystemPages(me: Me): boolean {
  return isAdmin(me) || hasRole(me, "committee") || hasRole(me, "branch_committee");
}

/** Creating a review cycle, moving its stage on and closing its phases: admins and committees. */
export function runsCycles(me: Me): boolean {
  return isAdmin(me) || hasRole(me, "committee");
}

/** Returning and accepting self-reviews, rating members: a branch's committees and admins. */
export function handlesReviews(me: Me): boolean {
  return runsCycles(me) || hasRole(me, "branch_committee");
}

/** The branches on which `me` is the branch committee. */
export function branchCommitteeOrgIds(me: Me): number[] {
  return orgIdsOf(me, ["branch_committee"]);
}
