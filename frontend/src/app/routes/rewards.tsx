import { Typography } from "antd";
import { RewardsPage } from "@/features/rewards/components/rewards-page";
import { useRewardsT } from "@/features/rewards/messages";
import { useCurrentUser } from "@/lib/auth/use-session";

export function RewardsRoute() {
  const rt = useRewardsT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{rt("rewards.title")}</Typography.Title>
      <RewardsPage me={me} />
    </>
  );
}
