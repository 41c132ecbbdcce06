import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { MemberPage } from "@/features/members/components/member-page";
import { useCurrentUser } from "@/lib/auth/use-session";

export function MemberRoute() {
  const me = useCurrentUser();
  const memberId = Number(useParams().id);
  if (!Number.isInteger(memberId) || memberId <= 0) return <NotFoundRoute />;
  // A new member, a new page: nothing of the last one's state is kept.
  return <MemberPage key={memberId} me={me} memberId={memberId} />;
}
