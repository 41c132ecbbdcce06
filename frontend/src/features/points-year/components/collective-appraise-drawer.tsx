import type { components } from "@/api/schema";
import {
  useAppraiseCollective,
  useCollectiveAssessment,
  useRefreshCollective,
} from "@/features/points-year/api/collectives";
import { AppraisalDrawer, AppraisalForm } from "@/features/points-year/components/appraise-drawer";
import { usePointsT } from "@/features/points-year/messages";

type PointsInfo = components["schemas"]["PointsInfo"];

type Props = {
  cycleId: number;
  orgId: number;
  name: string;
  points: PointsInfo | null | undefined;
  onClose: () => void;
};

/**
 * The committee directly above appraises a collective's submitted form (C2): every item of
 * frame F1, the facts of F1 it found and those found mitigated, a note (no level: the
 * decision gives it).
 */
export function CollectiveAppraiseDrawer({ cycleId, orgId, name, points, onClose }: Props) {
  const pt = usePointsT();
  const key = { cycleId, orgId };
  const read = useCollectiveAssessment(key);
  const appraise = useAppraiseCollective(key);
  const refresh = useRefreshCollective(key);
  return (
    <AppraisalDrawer
      title={pt("drawer.title", { name })}
      read={{ isPending: read.isPending, error: read.error, status: read.data?.status }}
      notSubmitted={pt("collectives.notSubmitted")}
      onClose={onClose}
    >
      {read.data && (
        <AppraisalForm
          assessment={read.data}
          points={points}
          withLevel={false}
          appraise={appraise.mutateAsync}
          appraising={appraise.isPending}
          onNotSubmitted={() => void refresh()}
          onDone={onClose}
        />
      )}
    </AppraisalDrawer>
  );
}
