import type { Settings } from "@/features/classification/components/rows";
import type { PointsMember, PointsPreviewRequest } from "@/lib/classification/preview";
import type { PointsInfo } from "@/lib/classification/points";

/** One made-up person (or collective, on F1) under a points rule set: a name, and the engine's. */
export type PointsRow = { name: string; member: PointsMember };

/** A person on F4 with nothing against them: 10 tasks done on time, 80 points. */
export function blankPointsMember(id: string): PointsMember {
  return {
    id,
    frame: "F4",
    status: "official",
    admitted_on: "2010-01-01",
    exempt: false,
    suspended: false,
    attached: false,
    self_review_submitted: true,
    points: { general: 250, tasks: 550 },
    tasks: { assigned: 10, done: 10, on_time: 10, exceeded: 0 },
    shortcomings: { prior: 0, remedied: 0 },
    facts: [],
    mitigated: [],
    quota_group: null,
    quarters: [],
    vote: null,
  };
}

/**
 * Five to start from: a leader reaching excellent (whom the quota of an F3 group without `good`
 * brings down), a good and a completed civil servant, a recent member, and a collective whose
 * subordinate was disciplined.
 */
export function examplePointsRows(): PointsRow[] {
  return [
    {
      name: "Nguyễn Văn An",
      member: {
        ...blankPointsMember("1"),
        frame: "F3",
        admitted_on: "2005-03-26",
        points: { general: 285, tasks: 650 },
        tasks: { assigned: 12, done: 12, on_time: 12, exceeded: 4 },
        shortcomings: { prior: 1, remedied: 1 },
      },
    },
    {
      name: "Trần Thị Bình",
      member: {
        ...blankPointsMember("2"),
        admitted_on: "2012-09-02",
        points: { general: 260, tasks: 560 },
        tasks: { assigned: 10, done: 10, on_time: 10, exceeded: 2 },
      },
    },
    {
      name: "Lê Văn Cường",
      member: {
        ...blankPointsMember("3"),
        admitted_on: "2015-05-19",
        points: { general: 250, tasks: 480 },
        tasks: { assigned: 10, done: 10, on_time: 9, exceeded: 0 },
      },
    },
    {
      name: "Phạm Thị Dung",
      member: {
        ...blankPointsMember("4"),
        frame: "F5",
        status: "probationary",
        admitted_on: "2026-02-03",
      },
    },
    {
      name: "Chi bộ Khoa Toán",
      member: {
        ...blankPointsMember("5"),
        frame: "F1",
        admitted_on: null,
        points: { general: 270, tasks: 650 },
        tasks: { assigned: 20, done: 20, on_time: 20, exceeded: 7 },
        facts: ["subordinate_disciplined"],
      },
    },
  ];
}

/** A fresh id for a new row: one more than the largest number used. */
export function nextPointsId(rows: PointsRow[]): string {
  return String(rows.reduce((max, row) => Math.max(max, Number(row.member.id) || 0), 0) + 1);
}

/**
 * A row moved to another frame: the facts that do not apply there are dropped (and their
 * mitigation); a collective (F1) has no admission date, a person needs one.
 */
export function onFrame(
  member: PointsMember,
  frame: string,
  points: PointsInfo | null | undefined,
): PointsMember {
  const applies = new Set(
    (points?.facts ?? []).filter((fact) => fact.frames.includes(frame)).map((fact) => fact.code),
  );
  const facts = member.facts.filter((fact) => applies.has(fact));
  return {
    ...member,
    frame,
    facts,
    mitigated: member.mitigated.filter((fact) => facts.includes(fact)),
    admitted_on: frame === "F1" ? null : (member.admitted_on ?? "2010-01-01"),
  };
}

/**
 * What the engine is asked under a points rule set: the rows without their names; a person's
 * branch vote only when the rule set asks for one (`branchVote`, S10; never a collective's).
 */
export function pointsPreviewRequest(
  settings: Settings,
  rows: PointsRow[],
  branchVote = false,
): PointsPreviewRequest {
  return {
    rule_set: settings.rule_set,
    reference_date: settings.reference_date,
    outstanding: settings.outstanding_unit,
    members: rows.map(({ member }) => ({
      ...member,
      // S7: an empty group is the frame's (the server's default).
      quota_group: member.quota_group?.trim() || null,
      vote: branchVote && member.frame !== "F1" ? member.vote : null,
    })),
  };
}

/** S10: M6's D, then the votes per level. */
export const tallyFields = ["counted", "excellent", "good", "completed", "not_completed"] as const;
export type TallyField = (typeof tallyFields)[number];

/**
 * A row's vote with one count typed (`null`: emptied, 0): none at all once every count is 0
 * or empty (the branch has not voted).
 */
export function withTally(
  vote: PointsMember["vote"],
  field: TallyField,
  value: number | null,
): PointsMember["vote"] {
  const next = {
    counted: 0,
    excellent: 0,
    good: 0,
    completed: 0,
    not_completed: 0,
    ...vote,
    [field]: value ?? 0,
  };
  return tallyFields.every((one) => next[one] === 0) ? null : next;
}
