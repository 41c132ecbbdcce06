import { useCallback, type ReactNode } from "react";
import type { Cycle } from "@/features/points-year/api/points";
import { BranchFormsTab, type Branch } from "@/features/points-year/components/branch-forms-tab";
import { CollectivesTab } from "@/features/points-year/components/collectives-tab";
import { PointsAppraisalTab } from "@/features/points-year/components/points-appraisal-tab";
import { isPointsCycle } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { handlesReviews, runsCycles } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";

/** What a points cycle puts on the cycle page instead of the ballot's voting and appraisal. */
export type PointsTabs = {
  items: { key: string; label: string; children: ReactNode }[];
  /** The voting tab (the 2016 ballot) stays: never under points, even with S10's vote. */
  branchVote: boolean;
};

/**
 * The cycle page's tabs of a points cycle for `me` (null for a ballot cycle): the branch
 * committee's list of forms, the committee's board to appraise and classify the members, and
 * the collectives' board.
 */
export function usePointsTabs(me: Me) {
  const pt = usePointsT();
  return useCallback(
    (cycle: Cycle, branches: Branch[] | null): PointsTabs | null => {
      if (!isPointsCycle(cycle)) return null;
      return {
        // Even when the rule set asks the branch to vote (S10, `branch_vote`), there is no
        // ballot (the API refuses one in a points cycle): the tally goes with the branch
        // meeting's record on each form.
        branchVote: false,
        items: [
          ...(handlesReviews(me)
            ? [
                {
                  key: "points-forms",
                  label: pt("tab.forms"),
                  children: <BranchFormsTab cycleId={cycle.id} branches={branches} />,
                },
              ]
            : []),
          ...(runsCycles(me)
            ? [
                {
                  key: "points-appraisal",
                  label: pt("tab.appraisal"),
                  children: <PointsAppraisalTab cycle={cycle} />,
                },
                // C1–C4: the branches and the organisation, for its committee and those above.
                {
                  key: "points-collectives",
                  label: pt("tab.collectives"),
                  children: <CollectivesTab me={me} cycle={cycle} />,
                },
              ]
            : []),
        ],
      };
    },
    [me, pt],
  );
}
