import type { components } from "@/api/schema";

type Schemas = components["schemas"];
type VotingSession = Schemas["VotingSession"];
type RollMember = Schemas["RollMember"];
type SessionSummary = Schemas["SessionSummary"];
type ResultRecord = Schemas["ResultRecord"];

export function sessionSummary(changes: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 41,
    cycle_id: 9,
    branch_id: 30,
    branch_name: "Chi bộ Khoa Toán",
    kind: "regular",
    mode: "paper_tally",
    status: "open",
    held_on: "2026-12-10",
    outstanding_unit: false,
    opened_by: "Nguyễn Văn An",
    appraisal_comment: null,
    ...changes,
  };
}

export function rollMember(
  id: number,
  fullName: string,
  changes: Partial<RollMember> = {},
): RollMember {
  return {
    member_id: id,
    full_name: fullName,
    official: true,
    exempt: false,
    attached: false,
    subject: true,
    present: true,
    faults: false,
    leader: false,
    leader_unit_rating: null,
    leader_party_org_rating: null,
    tally: { state: "none", entries: 0, mismatch: [], votes: null, entered_by_me: false },
    input: {
      id: String(id),
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
      professional_rating: "excellent",
      honours: [],
      attested_exemplary: false,
      leadership: null,
      votes: { excellent: 0, good: 0, completed: 0, not_completed: 0 },
    },
    ...changes,
  };
}

export const roll: RollMember[] = [
  rollMember(1, "Nguyễn Văn An", { leader: true, leader_unit_rating: "excellent" }),
  rollMember(2, "Trần Thị Bình"),
  rollMember(3, "Lê Văn Cường"),
];

export function votingSession(changes: Partial<VotingSession> = {}): VotingSession {
  return {
    ...sessionSummary(),
    denominator: 3,
    voters_present: 3,
    registered: 3,
    roll,
    ballots_cast: 0,
    outcome: {
      rule_set: "vinh-2016",
      denominator: 3,
      voters_present: 3,
      registered: 3,
      quota: { limit: 1, basis: "Q2", counted: 0, excellent_before_quota: 0, excellent: 0 },
      results: roll.map((member) => ({
        id: member.input.id,
        status: "unresolved",
        level: null,
        cap: null,
        reasons: ["M6"],
        explanation: "",
      })),
      warnings: [],
    },
    results: [],
    ...changes,
  };
}

export function resultRecord(changes: Partial<ResultRecord> = {}): ResultRecord {
  return {
    id: 501,
    member_id: 2,
    full_name: "Trần Thị Bình",
    status: "classified",
    level: "good",
    cap: "excellent",
    reasons: ["M6", "Q4"],
    votes: { excellent: 3, good: 0, completed: 0, not_completed: 0 },
    supplementary: false,
    state: "proposed",
    created_by: "Nguyễn Văn An",
    created_at: "2026-12-10T03:00:00Z",
    cancelled_reason: null,
    replaces_id: null,
    ...changes,
  };
}
