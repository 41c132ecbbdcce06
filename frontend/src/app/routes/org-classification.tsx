import { Typography } from "antd";
import { OrgClassificationPage } from "@/features/org-classification/components/org-classification-page";
import { useOrgT } from "@/features/org-classification/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function OrgClassificationRoute() {
  const ot = useOrgT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{ot("orgClass.title")}</Typography.Title>
      <OrgClassificationPage me={me} />
    </>
  );
}
