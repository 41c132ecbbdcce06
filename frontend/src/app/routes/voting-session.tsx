import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { VotingSessionPage } from "@/features/cycles/components/voting-session-page";
import { useCurrentUser } from "@/lib/auth/use-session";

export function VotingSessionRoute() {
  const me = useCurrentUser();
  const sid = Number(useParams().sid);
  if (!Number.isInteger(sid) || sid <= 0) return <NotFoundRoute />;
  return <VotingSessionPage key={sid} me={me} sid={sid} />;
}
