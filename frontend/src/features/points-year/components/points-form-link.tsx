import { FormOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { Link } from "react-router";
import type { Cycle } from "@/features/points-year/api/points";
import { isPointsCycle } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";

/** On "my review": in a points cycle, the way to the member's own points form (none otherwise). */
export function PointsFormLink({ cycle, memberId }: { cycle: Cycle; memberId: number }) {
  const pt = usePointsT();
  if (!isPointsCycle(cycle)) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="points-form-link"
      title={pt("myReview.title")}
      description={pt("myReview.description")}
      action={
        <Link to={`/cycles/${cycle.id}/points/${memberId}`}>
          <Button type="primary" icon={<FormOutlined />}>
            {pt("myReview.open")}
          </Button>
        </Link>
      }
    />
  );
}
