import type { components } from "@/api/schema";
import type {
  CollectiveLevelCounts,
  CollectiveRow,
  CollectivesBoard,
} from "@/features/points-year/api/collectives";
import { pointsInfo } from "@/testing/points";

type Schemas = components["schemas"];
type Cycle = Schemas["Cycle"];
type PointAssessment = Schemas["PointAssessment"];
type BoardRow = Schemas["BoardRow"];
type PointsBoard = Schemas["PointsBoard"];
type RuleSetInfo = Schemas["RuleSetInfo"];
type Member = Schemas["Member"];
type DecidedResult = Schemas["DecidedResult"];
type OrgNode = Schemas["OrganizationNode"];

/** A cycle under tw-366-2025, its rules frozen as the API sends them (`method: points`). */
export const pointsCycle: Cycle = {
  id: 9,
  organization_id: 20,
  organization_name: "Đảng bộ Trường Đại học Sư phạm",
  year: 2026,
  reference_date: "2026-12-15",
  rule_set: "tw-366-2025",
  rules: {
    name: "tw-366-2025",
    method: "points",
    points: { branch_vote: false },
  } as unknown as Cycle["rules"],
  stage: "self_review",
  created_at: "2026-11-20T01:30:00Z",
  updated_at: "2026-11-20T01:30:00Z",
  phases: [],
};

/** The frame F4 (Mẫu 2B) as the API sends it with a form. */
export const frameF4 = pointsInfo().frames.find((frame) => frame.frame === "F4")!;

/** GET /api/v1/rule-sets: the built-in points rule set (its ballot parameters unused). */
export function ruleSets(): RuleSetInfo[] {
  const threshold = { num: 1, den: 2, strict: true };
  return [
    {
      name: "tw-366-2025",
      based_on: null,
      method: "points",
      points: pointsInfo(),
      levels: ["excellent", "good", "completed", "not_completed"],
      excellent_threshold: threshold,
      pass_threshold: threshold,
      quota_basis: "good",
      quota_percent: 20,
      outstanding_percent: 25,
      small_branch_cap: 1,
      small_branch_size: 10,
      new_member_months: 6,
      discipline_term_months: 12,
      long_absence_months: 3,
      org_quota: { clean_strong_percent: 20, exemplary_percent: 20, outstanding_unit_percent: 20 },
      org_sheet: { criteria: [], clean_strong: 90, good: 70, completed: 50 },
    },
  ];
}

export function assessment(changes: Partial<PointAssessment> = {}): PointAssessment {
  return {
    cycle_id: 9,
    member_id: 5,
    member_name: "Nguyễn Thị Lan",
    period: 0,
    frame: frameF4,
    status: "not_started",
    on_behalf: false,
    self_points: {},
    self_general: 0,
    self_tasks: 0,
    tasks: { assigned: 0, done: 0, on_time: 0, exceeded: 0 },
    shortcomings: { prior: 0, remedied: 0 },
    narrative: "",
    proposed_level: null,
    submitted_at: null,
    appraised_points: null,
    appraised_total: null,
    facts: [],
    mitigated: [],
    appraised_level: null,
    appraisal_note: null,
    appraised_by: null,
    appraised_at: null,
    indicated_level: null,
    indicated_reasons: [],
    disciplines_in_year: [],
    ...changes,
  };
}

/** Every item of F4 scored: general 27,5 of 30, tasks 65 of 70 (tenths). */
export const fullPoints = {
  politics: 60,
  ethics: 60,
  discipline: 55,
  example: 50,
  self_criticism: 50,
  duties: 380,
  quality: 180,
  innovation: 90,
};

/** A submitted form of 92,5 points. */
export function submitted(changes: Partial<PointAssessment> = {}): PointAssessment {
  return assessment({
    status: "submitted",
    self_points: fullPoints,
    self_general: 275,
    self_tasks: 650,
    tasks: { assigned: 10, done: 10, on_time: 10, exceeded: 3 },
    shortcomings: { prior: 1, remedied: 1 },
    narrative: "Hoàn thành tốt công tác giảng dạy",
    proposed_level: "excellent",
    submitted_at: "2026-11-25T02:00:00Z",
    indicated_level: "excellent",
    indicated_reasons: ["S5"],
    ...changes,
  });
}

/** The result the competent level recorded (S10), as a member's form carries it. */
export function decidedResult(changes: Partial<DecidedResult> = {}): DecidedResult {
  return {
    status: "classified",
    level: "excellent",
    reasons: ["S5"],
    reason: null,
    decided_by: "Trần Văn Hùng",
    decided_at: "2026-12-20T02:00:00Z",
    rerated: false,
    ...changes,
  };
}

/** `submitted()` once decided, with the result `decision`. */
export function decided(
  decision: Partial<DecidedResult> = {},
  changes: Partial<PointAssessment> = {},
): PointAssessment {
  return submitted({ status: "decided", decision: decidedResult(decision), ...changes });
}

/** `body` as the API answers a form, with its tag. */
export function tagged(body: PointAssessment, etag: string): Response {
  return new Response(JSON.stringify(body), {
    headers: { "content-type": "application/json", ETag: etag },
  });
}

function orgNode(
  id: number,
  kind: string,
  code: string,
  name: string,
  ancestorIds: number[],
  children: OrgNode[] = [],
): OrgNode {
  return {
    id,
    kind,
    code,
    name,
    parent_id: ancestorIds.at(-1) ?? null,
    ancestor_ids: ancestorIds,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    children,
  };
}

/** GET /api/v1/organizations/20: the base of `pointsCycle`, under the city committee (10). */
export function baseOrganization(): Schemas["Organization"] {
  return orgNode(20, "base", "dhsp", "Đảng bộ Trường Đại học Sư phạm", [10]);
}

/**
 * GET /api/v1/organizations?format=tree: the base of `pointsCycle` (code dhsp, so its default
 * quota groups are dhsp/F3, dhsp/F4…) and its branch Chi bộ Khoa Toán (30).
 */
export function orgTree() {
  const tree = [
    orgNode(20, "base", "dhsp", "Đảng bộ Trường Đại học Sư phạm", [], [
      orgNode(30, "branch", "toan", "Chi bộ Khoa Toán", [20]),
    ]),
  ];
  return { items: [], tree, total: 2, page: 1, per_page: 100 };
}

export function boardRow(changes: Partial<BoardRow> = {}): BoardRow {
  return {
    member_id: 5,
    member_name: "Nguyễn Thị Lan",
    branch_id: 30,
    branch_name: "Chi bộ Khoa Toán",
    attached: false,
    frame: "F4",
    assessment: "submitted",
    total: 925,
    points_from: "self",
    group: "dhsp/F4",
    status: "classified",
    level: "excellent",
    reasons: ["S5"],
    quarters: [],
    quarter_forms: [],
    decided: false,
    rerated: false,
    decision_reason: null,
    ...changes,
  };
}

export function board(changes: Partial<PointsBoard> = {}): PointsBoard {
  return {
    cycle_id: 9,
    rule_set: "tw-366-2025",
    over_limit: [],
    rows: [
      boardRow(),
      boardRow({
        member_id: 6,
        member_name: "Trần Văn Bình",
        total: 910,
        level: "good",
        reasons: ["S5", "S7"],
      }),
      boardRow({
        member_id: 7,
        member_name: "Lê Thị Cúc",
        assessment: "draft",
        total: 400,
        points_from: "self",
        status: "pending",
        level: null,
        reasons: ["S3"],
      }),
    ],
    quotas: [{ group: "dhsp/F4", counted: 5, limit: 1, excellent_before_quota: 2, excellent: 1 }],
    ...changes,
  };
}

/**
 * A board to decide (S10). At 20% (`outstanding` false) Nguyễn Thị Lan and Trần Văn Bình tie at
 * 92,5 over the limit 1 of dhsp/F4 (S7-tie); at 25% its limit is 2 and both stay excellent.
 * Phạm Văn Dũng's 80 points with a task not done fit no level (S5-gap); Lê Thị Cúc has no form;
 * Hoàng Minh Đức is good in dhsp/F3 (limit 0 at 20%, 1 at 25%).
 */
export function decisionBoard(outstanding = false): PointsBoard {
  const tie: Partial<BoardRow> = outstanding
    ? { status: "classified", level: "excellent", reasons: ["S5"] }
    : { status: "unresolved", level: null, reasons: ["S5", "S7-tie"] };
  return board({
    rows: [
      boardRow(tie),
      boardRow({ member_id: 6, member_name: "Trần Văn Bình", ...tie }),
      board().rows[2],
      boardRow({
        member_id: 8,
        member_name: "Phạm Văn Dũng",
        total: 800,
        status: "unresolved",
        level: null,
        reasons: ["S5-gap"],
      }),
      boardRow({
        member_id: 9,
        member_name: "Hoàng Minh Đức",
        branch_name: "Chi bộ Phòng Đào tạo",
        frame: "F3",
        group: "dhsp/F3",
        total: 850,
        level: "good",
      }),
    ],
    quotas: [
      {
        group: "dhsp/F3",
        counted: 4,
        limit: outstanding ? 1 : 0,
        excellent_before_quota: 0,
        excellent: 0,
      },
      {
        group: "dhsp/F4",
        counted: 8,
        limit: outstanding ? 2 : 1,
        excellent_before_quota: 2,
        excellent: outstanding ? 2 : 0,
      },
    ],
  });
}

/** The choices of the decision on `decisionBoard()`, in the board's order (with the name). */
export const decisionChoices = [
  {
    member_id: 5,
    name: "Nguyễn Thị Lan",
    level: "excellent",
    reason: "Có sáng kiến được áp dụng toàn trường",
  },
  { member_id: 6, name: "Trần Văn Bình", level: "good", reason: "Ít sản phẩm vượt yêu cầu hơn" },
  {
    member_id: 8,
    name: "Phạm Văn Dũng",
    level: "completed",
    reason: "Nhiệm vụ còn lại do khách quan",
  },
] as const;

/** `decisionBoard()` once decided with `decisionChoices` (S10): every row recorded. */
export function decidedBoard(): PointsBoard {
  const before = decisionBoard();
  return {
    ...before,
    rows: before.rows.map((row) => {
      const choice = decisionChoices.find((c) => c.member_id === row.member_id);
      return {
        ...row,
        decided: true,
        assessment: row.assessment === "submitted" ? "decided" : row.assessment,
        ...(choice && {
          status: "classified",
          level: choice.level,
          reasons: [...row.reasons, "S10"],
          decision_reason: choice.reason,
        }),
      };
    }),
  };
}

export function member(id: number, fullName: string): Member {
  return {
    id,
    card_number: `34.0${id}0000`,
    full_name: fullName,
    gender: "female",
    date_of_birth: "1980-05-02",
    branch_id: 30,
    branch_name: "Chi bộ Khoa Toán",
    cell_id: null,
    status: "official",
    admitted_on: "2005-03-26",
    official_on: "2006-03-26",
    category: "civil_servant",
    exempt: false,
    attached: false,
    home_branch_name: null,
    long_absence_years: [],
    leadership_post: null,
    leadership_level: null,
    workplace_unit: "Khoa Toán",
    workplace_post: "Giảng viên",
    residence_address: null,
    residence_committee_name: null,
    residence_committee_contact: null,
    residence_committee_address: null,
    phone: null,
    email: null,
    active: true,
    left_on: null,
    left_reason: null,
    version: 1,
    created_at: "2026-11-20T01:30:00Z",
    updated_at: "2026-11-20T01:30:00Z",
  };
}

/** GET /api/v1/members: one page of `items`. */
export function memberPage(items: Member[]) {
  return { items, total: items.length, page: 1, per_page: 100 };
}

type Counts = Schemas["Counts"];
type Progress = Schemas["Progress"];

function counts(changes: Partial<Counts> = {}): Counts {
  return {
    members: 0,
    civil_servants: 0,
    professional_ratings: 0,
    self_reviews_draft: 0,
    self_reviews_submitted: 0,
    self_reviews_returned: 0,
    self_reviews_accepted: 0,
    self_reviews_missing: 0,
    self_reviews_overdue: 0,
    feedback_requested: 0,
    feedback_returned: 0,
    feedback_overdue: 0,
    ...changes,
  };
}

/** GET /api/v1/cycles/9/progress: the one branch Chi bộ Khoa Toán (id 30). */
export function progress(): Progress {
  return {
    cycle_id: 9,
    as_of: "2026-11-20",
    self_reviews_due: "2026-11-09",
    branches: [
      { organization_id: 30, name: "Chi bộ Khoa Toán", kind: "branch", ...counts({ members: 3 }) },
    ],
    bases: [],
    districts: [],
    total: counts({ members: 3 }),
  };
}

// Collectives (RULES-2025.md C1–C4): the branches of `pointsCycle`'s base and the base itself.

type CollectiveAssessment = Schemas["CollectiveAssessment"];
type CollectiveDecided = Schemas["CollectiveDecided"];

/** The frame F1 (Mẫu 01) as the API sends it with a collective's form. */
export const frameF1 = pointsInfo().frames.find((frame) => frame.frame === "F1")!;

/** Every item of F1 scored: general 28 of 30, tasks 65,5 of 70 (tenths). */
export const collectivePoints = {
  party_building: 50,
  capacity: 45,
  inspection: 45,
  democratic_centralism: 50,
  political_task: 45,
  self_criticism: 45,
  plan: 380,
  subordinates: 275,
};

/** The form of Chi bộ Khoa Toán (30), not started. */
export function collectiveForm(changes: Partial<CollectiveAssessment> = {}): CollectiveAssessment {
  return {
    cycle_id: 9,
    organization_id: 30,
    organization_name: "Chi bộ Khoa Toán",
    kind: "branch",
    frame: frameF1,
    status: "not_started",
    self_points: {},
    self_general: 0,
    self_tasks: 0,
    tasks: { assigned: 0, done: 0, on_time: 0, exceeded: 0 },
    shortcomings: { prior: 0, remedied: 0 },
    narrative: "",
    proposed_level: null,
    submitted_by: null,
    submitted_at: null,
    appraised_points: null,
    appraised_total: null,
    facts: [],
    mitigated: [],
    appraisal_note: null,
    appraised_by: null,
    appraised_at: null,
    indicated_level: null,
    indicated_reasons: [],
    decision: null,
    reratings: [],
    ...changes,
  };
}

/** Chi bộ Khoa Toán's form submitted: 93,5 points, every task on time, 4 of 12 beyond. */
export function submittedCollective(
  changes: Partial<CollectiveAssessment> = {},
): CollectiveAssessment {
  return collectiveForm({
    status: "submitted",
    self_points: collectivePoints,
    self_general: 280,
    self_tasks: 655,
    tasks: { assigned: 12, done: 12, on_time: 12, exceeded: 4 },
    shortcomings: { prior: 1, remedied: 1 },
    narrative: "Chi bộ lãnh đạo hoàn thành tốt nhiệm vụ chính trị năm 2026.",
    proposed_level: "excellent",
    submitted_by: "Lê Văn Bí",
    submitted_at: "2026-11-28T02:00:00Z",
    indicated_level: "excellent",
    indicated_reasons: ["C2"],
    ...changes,
  });
}

export function collectiveDecided(changes: Partial<CollectiveDecided> = {}): CollectiveDecided {
  return {
    level: "excellent",
    reasons: ["C2", "S7-tie", "S10"],
    reason: "Chi bộ có nhiều sản phẩm vượt kế hoạch",
    decided_by: "Trần Văn Hùng",
    decided_at: "2026-12-20T02:00:00Z",
    ...changes,
  };
}

export function levelCounts(changes: Partial<CollectiveLevelCounts> = {}): CollectiveLevelCounts {
  return {
    total: 0,
    excellent: 0,
    good: 0,
    completed: 0,
    not_completed: 0,
    other: 0,
    decided: 0,
    ...changes,
  };
}

export function collectiveRow(changes: Partial<CollectiveRow> = {}): CollectiveRow {
  return {
    organization_id: 30,
    name: "Chi bộ Khoa Toán",
    kind: "branch",
    assessment: "submitted",
    total: 935,
    points_from: "self",
    group: "dhsp/chi-bo",
    status: "classified",
    level: "good",
    reasons: ["C2"],
    decided: false,
    decision_reason: null,
    members: levelCounts(),
    branches: null,
    ...changes,
  };
}

/**
 * The collectives of `pointsCycle`, its members' year decided: Khoa Toán and Khoa Lý tie at
 * 93,5 over the limit 1 of the branches' group (S7-tie); Phòng Đào tạo is good; the base (20)
 * last, good, with its members' and its branches' levels beside it.
 */
export function collectivesBoard(): CollectivesBoard {
  const tie: Partial<CollectiveRow> = {
    status: "unresolved",
    level: null,
    reasons: ["C2", "S7-tie"],
  };
  return {
    cycle_id: 9,
    rows: [
      collectiveRow({
        ...tie,
        members: levelCounts({ total: 18, excellent: 2, good: 15, other: 1, decided: 18 }),
      }),
      collectiveRow({
        ...tie,
        organization_id: 31,
        name: "Chi bộ Khoa Lý",
        assessment: "appraised",
        points_from: "appraised",
        members: levelCounts({ total: 6, excellent: 1, good: 5, decided: 6 }),
      }),
      collectiveRow({
        organization_id: 32,
        name: "Chi bộ Phòng Đào tạo",
        total: 800,
        members: levelCounts({ total: 3, good: 2, completed: 1, decided: 3 }),
      }),
      collectiveRow({
        organization_id: 20,
        name: "Đảng bộ Trường Đại học Sư phạm",
        kind: "base",
        total: 880,
        group: null,
        members: levelCounts({
          total: 27,
          excellent: 3,
          good: 22,
          completed: 1,
          other: 1,
          decided: 27,
        }),
        branches: levelCounts({ total: 3, good: 1, other: 2 }),
      }),
    ],
    quotas: [
      { group: "dhsp/chi-bo", counted: 5, limit: 1, excellent_before_quota: 2, excellent: 0 },
    ],
  };
}
