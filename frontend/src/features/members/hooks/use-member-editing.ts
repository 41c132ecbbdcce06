import { canEditMembersIn, editsMembers, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";

/**
 * Whether `me` may change the members of the branch with a given id. Admins may anywhere; the
 * others need the branch's place in the tree, loaded only for those who edit members at all.
 */
export function useMemberEditing(me: Me): (branchId: number) => boolean {
  const tree = useOrgTree(editsMembers(me) && !isAdmin(me));
  const byId = new Map<number, Organization>(
    flattenTree(tree.data ?? []).map((org) => [org.id, org]),
  );
  return (branchId: number) => {
    if (isAdmin(me)) return true;
    const branch = byId.get(branchId);
    return branch !== undefined && canEditMembersIn(me, branch);
  };
}
