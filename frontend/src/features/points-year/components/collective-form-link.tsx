import { FormOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Tag } from "antd";
import { Link } from "react-router";
import { useCollectiveAssessment } from "@/features/points-year/api/collectives";
import { assessmentStatusColor, assessmentStatusText } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";

/**
 * Where a branch committee finds its points work: beside its members' forms, the branch's own
 * form as a collective (Mẫu 01, C1), with its status.
 */
export function CollectiveFormLink({ cycleId, orgId }: { cycleId: number; orgId: number }) {
  const pt = usePointsT();
  const form = useCollectiveAssessment({ cycleId, orgId });
  const status = form.data?.status;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="collective-form-link"
      title={
        <Flex gap={8} wrap align="center">
          {pt("collectives.branchForm.title")}
          {status && (
            <Tag color={assessmentStatusColor(status)}>{assessmentStatusText(pt, status)}</Tag>
          )}
        </Flex>
      }
      description={pt("collectives.branchForm.description")}
      action={
        <Link to={`/cycles/${cycleId}/collectives/${orgId}`}>
          <Button icon={<FormOutlined />}>{pt("collectives.branchForm.open")}</Button>
        </Link>
      }
    />
  );
}
