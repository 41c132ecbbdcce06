import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { CyclePage } from "@/features/cycles/components/cycle-page";
import { useCurrentUser } from "@/lib/auth/use-session";

export function CycleRoute() {
  const me = useCurrentUser();
  const cycleId = Number(useParams().id);
  if (!Number.isInteger(cycleId) || cycleId <= 0) return <NotFoundRoute />;
  return <CyclePage key={cycleId} me={me} cycleId={cycleId} />;
}
