import type { LinkableMember } from "@/features/users/api/members";
import type { Translate } from "@/lib/i18n/use-t";

/** A member record as a user's link shows it: the name and the branch. */
export function memberLabel(t: Translate, member: LinkableMember): string {
  return t("users.member.option", { name: member.full_name, branch: member.branch_name });
}
