import { Typography } from "antd";
import { PartyReportsPage } from "@/features/party-reports/components/party-reports-page";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function PartyReportsRoute() {
  const pt = usePartyReportsT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{pt("partyReports.title")}</Typography.Title>
      <PartyReportsPage me={me} />
    </>
  );
}
