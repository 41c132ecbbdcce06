import { Typography } from "antd";
import { RuleSetsPage } from "@/features/org-classification/components/rule-sets-page";
import { useOrgT } from "@/features/org-classification/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function RuleSetsRoute() {
  const ot = useOrgT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{ot("ruleSets.title")}</Typography.Title>
      <RuleSetsPage me={me} />
    </>
  );
}
