import { Tag } from "antd";
import type { Member } from "@/features/members/api/get-members";
import { memberStatusText } from "@/lib/domain/labels";
import { todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

export function MemberStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={status === "probationary" ? "orange" : "green"}>{memberStatusText(t, status)}</Tag>
  );
}

/**
 * The years a member was away long enough to matter for this review: the current year, or the
 * one just ended (reviews run from the year's end into the next one).
 */
function recentlyAway(member: Member): boolean {
  const year = todayInVietnam().year();
  return member.long_absence_years.some((away) => away === year || away === year - 1);
}

/** What sets a member apart in a review: exempt, attached, away, no longer active. */
export function MemberFlags({ member }: { member: Member }) {
  const t = useT();
  return (
    <>
      {member.exempt && (
        <Tag color="purple" title={t("member.exempt")}>
          {t("member.flag.exempt")}
        </Tag>
      )}
      {member.attached && (
        <Tag
          color="cyan"
          title={
            member.home_branch_name
              ? t("member.flag.attached.from", { branch: member.home_branch_name })
              : t("member.attached")
          }
        >
          {t("member.flag.attached")}
        </Tag>
      )}
      {recentlyAway(member) && (
        <Tag
          color="gold"
          title={t("member.flag.longAbsence.years", {
            years: member.long_absence_years.join(", "),
          })}
        >
          {t("member.flag.longAbsence")}
        </Tag>
      )}
      {!member.active && <Tag color="default">{t("member.flag.inactive")}</Tag>}
    </>
  );
}
