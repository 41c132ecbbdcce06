import { describe, expect, it } from "vitest";
import type { Phase, Progress } from "@/features/cycles/api/cycles";
import { planProgressRows } from "@/features/cycles/components/plan-progress-rows";
import { counts, planPhase, planProgress } from "@/features/cycles/testing/fixtures";

const phase = planPhase;

const phases: Phase[] = [
  phase(1, "self_reviews", "2026-11-09"),
  phase(2, "key_cadre_meeting", "2026-11-18"),
  phase(3, "workplace_feedback", "2026-11-16"),
  phase(4, "residence_feedback", "2026-11-16"),
  phase(5, "branch_meetings", "2026-11-16"),
  phase(6, "appraisal", "2026-11-23"),
];

function progress(changes: Parameters<typeof counts>[0]): Progress {
  return planProgress("2026-11-09", changes);
}

const underWay = progress({
  members: 12,
  self_reviews_submitted: 3,
  self_reviews_accepted: 4,
  self_reviews_returned: 1,
  civil_servants: 10,
  professional_ratings: 10,
  feedback_requested: 8,
  feedback_returned: 5,
});

// Vietnam is UTC+7: 16:59Z is 23:59 on the 9th there, 17:00Z already the 10th.
const lastMinuteOfDeadline = new Date("2026-11-09T16:59:00Z");
const dayAfterDeadline = new Date("2026-11-09T17:00:00Z");

describe("progress against the plan", () => {
  it("is on track on the deadline day itself, in Vietnam's calendar", () => {
    const [selfReviews] = planProgressRows(underWay, phases, lastMinuteOfDeadline);
    expect(selfReviews).toEqual({
      work: "self_reviews",
      done: 7,
      whole: 12,
      missing: 5,
      percent: 58,
      accepted: 4,
      deadline: "09/11/2026",
      status: "on_track",
    });
  });

  it("is overdue from the day after, with the count still missing", () => {
    const [selfReviews] = planProgressRows(underWay, phases, dayAfterDeadline);
    expect(selfReviews).toMatchObject({ status: "overdue", missing: 5, deadline: "09/11/2026" });
  });

  it("is done at 100% whether or not the deadline has passed", () => {
    const rows = planProgressRows(underWay, phases, new Date("2026-12-01T03:00:00Z"));
    expect(rows.map((row) => [row.work, row.status, row.percent])).toEqual([
      ["self_reviews", "overdue", 58],
      ["professional_ratings", "done", 100],
      ["feedback", "overdue", 62],
    ]);
  });

  it("keeps the latest end of the work's phases and orders the rows by deadline", () => {
    const rows = planProgressRows(underWay, phases, new Date("2026-11-17T03:00:00Z"));
    expect(rows.map((row) => [row.work, row.deadline, row.status])).toEqual([
      ["self_reviews", "09/11/2026", "overdue"],
      ["professional_ratings", "16/11/2026", "done"],
      // The key-cadre meeting ends on the 18th: feedback is not late on the 17th.
      ["feedback", "18/11/2026", "on_track"],
    ]);
  });

  it("never shows 100% before the last one is done", () => {
    const [selfReviews] = planProgressRows(
      progress({ members: 200, self_reviews_submitted: 199 }),
      phases,
      lastMinuteOfDeadline,
    );
    expect(selfReviews).toMatchObject({ percent: 99, missing: 1, status: "on_track" });
  });

  it("leaves out work with nothing to count or no phase in the plan", () => {
    const withoutMeetings = phases.filter((p) => p.code !== "branch_meetings");
    const rows = planProgressRows(
      progress({ members: 5, civil_servants: 3, feedback_requested: 0 }),
      withoutMeetings,
      lastMinuteOfDeadline,
    );
    expect(rows.map((row) => row.work)).toEqual(["self_reviews"]);
  });
});
