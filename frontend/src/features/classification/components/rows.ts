import type { BranchClassificationInput } from "@/features/classification/api/branch-input";
import type { PreviewMember, PreviewRequest, VoteCounts } from "@/lib/classification/preview";

/** One made-up member of the branch: a name for people, and what the engine reads. */
export type Row = { name: string; member: PreviewMember };

export const noVotes: VoteCounts = { excellent: 0, good: 0, completed: 0, not_completed: 0 };

export function blankMember(id: string): PreviewMember {
  return {
    id,
    status: "official",
    admitted_on: "2010-01-01",
    category: "civil_servant",
    exempt: false,
    attached: false,
    present: true,
    self_review_submitted: true,
    long_absence: false,
    discipline_in_force: false,
    faults: false,
    professional_rating: "good",
    honours: [],
    attested_exemplary: false,
    leadership: null,
    votes: noVotes,
  };
}

/** Three members to start from: a leader proposed for excellent, a good one, a recent one. */
export function exampleRows(): Row[] {
  return [
    {
      name: "Nguyễn Văn An",
      member: {
        ...blankMember("1"),
        admitted_on: "2005-03-26",
        professional_rating: "excellent",
        honours: ["emulation_title"],
        leadership: {
          level: "grassroots",
          unit_rating: "excellent",
          party_org_rating: "clean_strong",
        },
        votes: { excellent: 2, good: 0, completed: 0, not_completed: 0 },
      },
    },
    {
      name: "Trần Thị Bình",
      member: {
        ...blankMember("2"),
        admitted_on: "2012-09-02",
        votes: { excellent: 1, good: 1, completed: 0, not_completed: 0 },
      },
    },
    {
      name: "Lê Văn Cường",
      member: {
        ...blankMember("3"),
        status: "probationary",
        admitted_on: "2026-02-03",
        category: "student",
        professional_rating: null,
        votes: { excellent: 0, good: 1, completed: 1, not_completed: 0 },
      },
    },
  ];
}

/** A fresh id for a new row: one more than the largest number used. */
export function nextId(rows: Row[]): string {
  return String(rows.reduce((max, row) => Math.max(max, Number(row.member.id) || 0), 0) + 1);
}

/**
 * A real branch's members as rows: their names, every field the server sent, and no votes yet
 * (the user types them). The server sends every field; the defaults only satisfy the type.
 */
export function rowsOfBranch({ members, names }: BranchClassificationInput): Row[] {
  return members.map((member) => ({
    name: names[member.id] ?? "",
    member: { ...blankMember(member.id), professional_rating: null, ...member, votes: noVotes },
  }));
}

export type Settings = { rule_set: string; reference_date: string; outstanding_unit: boolean };

/** What the engine is asked: the rows without their names (the server knows no names). */
export function previewRequest(settings: Settings, rows: Row[]): PreviewRequest {
  return {
    rule_set: settings.rule_set,
    reference_date: settings.reference_date,
    branch: { outstanding_unit: settings.outstanding_unit },
    members: rows.map((row) => row.member),
  };
}

/** Field errors of a 422 (`members[3].votes`) per row index, the rest under `null`. */
export function errorsByRow(
  errors: { field: string; message: string }[],
): Map<number | null, { field: string; message: string }[]> {
  const byRow = new Map<number | null, { field: string; message: string }[]>();
  for (const error of errors) {
    const match = /^members\[(\d+)\]\.?(.*)$/.exec(error.field);
    const index = match ? Number(match[1]) : null;
    const entry = { field: match ? match[2] : error.field, message: error.message };
    byRow.set(index, [...(byRow.get(index) ?? []), entry]);
  }
  return byRow;
}
