import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { BallotPage } from "@/features/cycles/components/ballot-page";

export function BallotRoute() {
  const sid = Number(useParams().sid);
  if (!Number.isInteger(sid) || sid <= 0) return <NotFoundRoute />;
  return <BallotPage key={sid} sid={sid} />;
}
