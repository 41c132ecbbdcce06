import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { CollectiveFormPage } from "@/features/points-year/components/collective-form-page";
import { useCurrentUser } from "@/lib/auth/use-session";

export function CollectiveFormRoute() {
  const me = useCurrentUser();
  const params = useParams();
  const cycleId = Number(params.id);
  const orgId = Number(params.orgId);
  if (![cycleId, orgId].every((id) => Number.isInteger(id) && id > 0)) {
    return <NotFoundRoute />;
  }
  return <CollectiveFormPage key={`${cycleId}-${orgId}`} me={me} cycleId={cycleId} orgId={orgId} />;
}
