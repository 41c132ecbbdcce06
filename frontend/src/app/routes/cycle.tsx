import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { CyclePage } from "@/features/cycles/components/cycle-page";
import { usePointsTabs } from "@/features/points-year/components/use-points-tabs";
import { useCurrentUser } from "@/lib/auth/use-session";

export function CycleRoute() {
  const me = useCurrentUser();
  const cycleId = Number(useParams().id);
  const pointsTabs = usePointsTabs(me);
  if (!Number.isInteger(cycleId) || cycleId <= 0) return <NotFoundRoute />;
  return <CyclePage key={cycleId} me={me} cycleId={cycleId} pointsTabs={pointsTabs} />;
}
