import dayjs from "dayjs";
import type { Counts, Phase, Progress } from "@/features/cycles/api/cycles";
import type { CyclesTranslate } from "@/features/cycles/messages";
import { displayZone, formatDay } from "@/lib/format";

/** The work the progress counts, each measured against the plan (P1). */
export const planWorks = ["self_reviews", "professional_ratings", "feedback"] as const;
export type PlanWork = (typeof planWorks)[number];

export type PlanStatus = "done" | "on_track" | "overdue";

export type PlanRow = {
  work: PlanWork;
  done: number;
  whole: number;
  /** What is still to do: `whole - done`. */
  missing: number;
  /** Whole percent done, rounded down so that 100 means all of it. */
  percent: number;
  /** Self-reviews only: those the branch committee has accepted, among the done. */
  accepted: number | null;
  /** The latest end of the work's phases, dd/mm/yyyy. */
  deadline: string;
  status: PlanStatus;
};

// The phases of the plan whose deadline each work keeps.
const phasesOf: Record<PlanWork, readonly string[]> = {
  self_reviews: ["self_reviews"],
  // M9: a civil servant is classified at the branch meeting only once professionally rated.
  professional_ratings: ["branch_meetings"],
  // A feedback request belongs to the phase of its source (workplace, residence, key cadres).
  feedback: ["workplace_feedback", "residence_feedback", "key_cadre_meeting"],
};

function measure(work: PlanWork, counts: Counts): { done: number; whole: number } {
  switch (work) {
    // As the API's overdue count does: submitted or accepted is handed in; returned is not.
    case "self_reviews":
      return {
        done: counts.self_reviews_submitted + counts.self_reviews_accepted,
        whole: counts.members,
      };
    case "professional_ratings":
      return { done: counts.professional_ratings, whole: counts.civil_servants };
    case "feedback":
      return { done: counts.feedback_returned, whole: counts.feedback_requested };
  }
}

/**
 * One row per work of the plan with something to count and a phase in the cycle's plan, by
 * deadline. `today` is an instant; its date in Vietnam decides: the deadline day itself is still
 * on track, as the API counts overdue self-reviews only after it.
 */
export function planProgressRows(progress: Progress, phases: Phase[], today: Date): PlanRow[] {
  const day = dayjs(today).tz(displayZone).format("YYYY-MM-DD");
  const rows: { endsOn: string; row: PlanRow }[] = [];
  for (const work of planWorks) {
    const ends = phases
      .filter((phase) => phasesOf[work].includes(phase.code))
      .map((phase) => phase.ends_on)
      .sort();
    const endsOn = ends.at(-1);
    const { done, whole } = measure(work, progress.total);
    if (endsOn === undefined || whole === 0) continue;
    const finished = done >= whole;
    rows.push({
      endsOn,
      row: {
        work,
        done,
        whole,
        missing: Math.max(whole - done, 0),
        percent: finished ? 100 : Math.floor((done * 100) / whole),
        accepted: work === "self_reviews" ? progress.total.self_reviews_accepted : null,
        deadline: formatDay(endsOn),
        status: finished ? "done" : day > endsOn ? "overdue" : "on_track",
      },
    });
  }
  return rows.sort((a, b) => a.endsOn.localeCompare(b.endsOn)).map(({ row }) => row);
}

/** A row's status in words: done, on track, or overdue with what is missing. */
export function planStatusText(ct: CyclesTranslate, row: PlanRow): string {
  return ct(`planProgress.status.${row.status}`, { missing: row.missing });
}

/** A row in one sentence: the work, done of whole, the deadline and the status. */
export function planRowText(ct: CyclesTranslate, row: PlanRow): string {
  return ct("planProgress.bar", {
    work: ct(`planProgress.work.${row.work}`),
    done: row.done,
    whole: row.whole,
    percent: row.percent,
    date: row.deadline,
    status: planStatusText(ct, row),
  });
}
