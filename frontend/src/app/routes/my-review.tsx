import { Typography } from "antd";
import { MyReviewPage } from "@/features/cycles/components/my-review-page";
import { PointsFormLink } from "@/features/points-year/components/points-form-link";
import { useCurrentUser } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function MyReviewRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={2}>{t("menu.myReview")}</Typography.Title>
      <MyReviewPage
        me={me}
        pointsLink={(cycle, memberId) => <PointsFormLink cycle={cycle} memberId={memberId} />}
      />
    </>
  );
}
