import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { PointsFormPage } from "@/features/points-year/components/points-form-page";
import { useCurrentUser } from "@/lib/auth/use-session";

export function PointsFormRoute() {
  const me = useCurrentUser();
  const params = useParams();
  const cycleId = Number(params.id);
  const memberId = Number(params.memberId);
  if (![cycleId, memberId].every((id) => Number.isInteger(id) && id > 0)) {
    return <NotFoundRoute />;
  }
  return (
    <PointsFormPage key={`${cycleId}-${memberId}`} me={me} cycleId={cycleId} memberId={memberId} />
  );
}
