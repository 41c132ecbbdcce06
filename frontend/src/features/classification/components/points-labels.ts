import type { PointsTranslate } from "@/features/classification/messages";
import type { PointsInfo } from "@/lib/classification/points";
import type { PointsPreviewResult } from "@/lib/classification/preview";
import { isOneOf } from "@/lib/domain/members";

const plainReasons = ["S5", "S5-gap", "S7", "S7-tie", "S9", "S10-vote"] as const;

/** RULES-2025.md: what a reason id of a result means, in words (the id itself when unknown). */
export function reasonText(
  pt: PointsTranslate,
  reason: string,
  result: Pick<PointsPreviewResult, "status">,
  points: PointsInfo | null | undefined,
): string {
  if (reason === "S3") {
    return result.status === "pending"
      ? pt("points.reason.S3.pending")
      : pt("points.reason.S3.not_classified", { months: points?.new_member_months ?? 6 });
  }
  if (reason === "C2") {
    return pt(result.status === "pending" ? "points.reason.C2.pending" : "points.reason.C2");
  }
  // S10: without a level, the branch's vote is awaited (none, or one that reached no level).
  if (reason === "S10-vote" && result.status === "pending") {
    return pt("points.reason.S10-vote.pending");
  }
  if (isOneOf(plainReasons, reason)) return pt(`points.reason.${reason}`);
  // S6-… for persons, C2-… for collectives: a fact of the rule set, or its mitigation.
  const fact = /^(?:S6|C2)-(.+)$/.exec(reason)?.[1];
  if (fact === undefined) return reason;
  if (fact === "mitigated") return pt("points.reason.mitigated");
  const known = points?.facts.find((one) => one.code === fact);
  return pt(known?.effect === "blocks_excellent" ? "points.reason.blocks" : "points.reason.fact", {
    fact: known?.label ?? fact,
  });
}

