import { Typography } from "antd";
import { AppraisalTeamsPage } from "@/features/appraisal-teams/components/appraisal-teams-page";
import { useAppraisalTeamsT } from "@/features/appraisal-teams/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function AppraisalTeamsRoute() {
  const at = useAppraisalTeamsT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{at("appraisalTeams.title")}</Typography.Title>
      <AppraisalTeamsPage me={me} />
    </>
  );
}
