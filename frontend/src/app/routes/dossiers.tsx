import { Typography } from "antd";
import { useParams } from "react-router";
import { NotFoundRoute } from "@/app/routes/not-found";
import { DossierPage } from "@/features/dossiers/components/dossier-page";
import { DossiersPage } from "@/features/dossiers/components/dossiers-page";
import { useDossiersT } from "@/features/dossiers/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function DossiersRoute() {
  const dt = useDossiersT();
  return (
    <>
      <Typography.Title level={2}>{dt("dossiers.title")}</Typography.Title>
      <DossiersPage />
    </>
  );
}

export function DossierRoute() {
  const me = useCurrentUser();
  const params = useParams();
  const org = Number(params.org);
  const year = Number(params.year);
  if (!Number.isInteger(org) || org <= 0 || !Number.isInteger(year) || year < 1990) {
    return <NotFoundRoute />;
  }
  // Another base or year, another page: nothing of the last one's state is kept.
  return <DossierPage key={`${org}-${year}`} me={me} org={org} year={year} />;
}

