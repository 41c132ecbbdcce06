import type { components } from "@/api/schema";
import { json, problem } from "@/testing/api";

type Cycle = components["schemas"]["Cycle"];
type FeedbackCluster = components["schemas"]["FeedbackCluster"];
type SelfReview = components["schemas"]["SelfReview"];
type Counts = components["schemas"]["Counts"];
type Member = components["schemas"]["Member"];
type Phase = components["schemas"]["Phase"];
type Progress = components["schemas"]["Progress"];

export const cycle: Cycle = {
  id: 9,
  organization_id: 20,
  organization_name: "Đảng bộ Trường Đại học Sư phạm",
  year: 2026,
  reference_date: "2026-12-15",
  rule_set: "vinh-2016",
  rules: {},
  stage: "self_review",
  created_at: "2026-11-20T01:30:00Z",
  updated_at: "2026-11-20T01:30:00Z",
  phases: [
    {
      id: 1,
      position: 1,
      code: "self_reviews",
      task: "Đảng viên viết bản tự kiểm điểm",
      lead: "Đảng viên",
      recipient: "Chi ủy",
      starts_on: "2026-11-01",
      ends_on: "2026-11-09",
      stage: "self_review",
      closed: false,
      reopened_reason: null,
    },
  ],
};

export function selfReview(changes: Partial<SelfReview> = {}): SelfReview {
  return {
    cycle_id: 9,
    member_id: 5,
    member_name: "Nguyễn Thị Lan",
    on_behalf: false,
    status: "not_started",
    version: 0,
    return_comment: null,
    content: {},
    ...changes,
  };
}

export function counts(changes: Partial<Counts> = {}): Counts {
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

/** A phase of the plan ending on `endsOn`. */
export function planPhase(id: number, code: string, endsOn: string): Phase {
  return { ...cycle.phases[0], id, position: id, code, ends_on: endsOn };
}

/** The cycle's progress as of a day, the whole cycle's counts changed by `changes`. */
export function planProgress(asOf: string, changes: Partial<Counts> = {}): Progress {
  return {
    cycle_id: 9,
    as_of: asOf,
    self_reviews_due: "2026-11-09",
    branches: [],
    bases: [],
    districts: [],
    total: counts(changes),
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

export function memberPage(items: Member[]) {
  return json({ items, total: items.length, page: 1, per_page: 20 });
}

type FeedbackRequest = components["schemas"]["FeedbackRequest"];
type Suggestion = components["schemas"]["Suggestion"];

export function feedbackRequest(changes: Partial<FeedbackRequest> = {}): FeedbackRequest {
  return {
    id: 41,
    cycle_id: 9,
    member_id: 5,
    member_name: "Nguyễn Thị Lan",
    source: "workplace",
    provider_user_id: 7,
    cluster: "Cụm Công đoàn Khoa Toán",
    led_by: "Trần Văn Bình",
    delivery: null,
    sent_on: "2026-11-10",
    due_on: "2026-11-16",
    returned_on: null,
    content: null,
    proposed_level: null,
    answered_by: null,
    overdue: false,
    late: false,
    return_envelope: false,
    updated_at: "2026-11-10T01:30:00Z",
    ...changes,
  };
}

export function suggestion(changes: Partial<Suggestion> = {}): Suggestion {
  return {
    id: 61,
    cycle_id: 9,
    member_id: 5,
    organization_id: null,
    subject_name: "Nguyễn Thị Lan",
    issuer_role: "inspection",
    issued_by: "Ủy ban Kiểm tra",
    content: "Làm rõ việc chậm nộp báo cáo quý III",
    due_on: "2099-11-15",
    status: "open",
    overdue: false,
    explanation: null,
    answered_by: null,
    answered_at: null,
    created_at: "2026-11-03T01:30:00Z",
    ...changes,
  };
}

type KeyCadreMeeting = components["schemas"]["KeyCadreMeeting"];

export function keyCadreMeeting(changes: Partial<KeyCadreMeeting> = {}): KeyCadreMeeting {
  return {
    id: 71,
    cycle_id: 9,
    held_on: "2026-11-10",
    chaired_by: "Đồng chí Bí thư Đảng ủy",
    attendees: 25,
    collective_opinion: "Tập thể lãnh đạo đoàn kết, thống nhất",
    recorded_by: "Nguyễn Văn An",
    created_at: "2026-11-10T08:00:00Z",
    kind: "key_cadre",
    attendee_names: [],
    assessments: [
      {
        member_id: 5,
        member_name: "Nguyễn Thị Lan",
        opinion: "Gương mẫu, quyết liệt",
        votes: { excellent: 18, good: 6, completed: 1, not_completed: 0 },
        proposed_level: "excellent",
      },
    ],
    ...changes,
  };
}

type ImportReport = components["schemas"]["ImportReport"];

export function importReport(changes: Partial<ImportReport> = {}): ImportReport {
  return {
    dry_run: true,
    rows: 2,
    created: 0,
    updated: 0,
    unchanged: 0,
    ignored_columns: [],
    errors: [],
    errors_truncated: false,
    ...changes,
  };
}

/**
 * The lists the cycle page's "Kế hoạch" tab reads, for a test about something else: no task, no
 * meeting, and the branches' opinions and the feedback clusters refused (403: not shown). A
 * test's own routes, spread after these, replace them.
 */
export function planTabRoutes(cycleId = 9): Record<string, () => Response> {
  const path = `/api/v1/cycles/${cycleId}`;
  return {
    [`GET ${path}/plan-tasks`]: () => json([]),
    [`GET ${path}/review-meetings`]: () => json([]),
    [`GET ${path}/branch-opinions`]: () => problem(403, "forbidden", "Không có quyền"),
    [`GET ${path}/feedback-clusters`]: () => problem(403, "forbidden", "Không có quyền"),
  };
}

export function feedbackCluster(changes: Partial<FeedbackCluster> = {}): FeedbackCluster {
  return {
    id: 81,
    cycle_id: 9,
    name: "Cụm Khoa Toán – Khoa Lý",
    leader: "Đồng chí Trần Văn Bình",
    branches: [
      { id: 30, name: "Chi bộ Khoa Toán" },
      { id: 31, name: "Chi bộ Khoa Lý" },
    ],
    mass_organizations: ["Công đoàn", "Đoàn Thanh niên"],
    meeting_on: "2026-11-12",
    opinions: [],
    version: 2,
    updated_by: "Nguyễn Văn An",
    updated_at: "2026-11-20T01:30:00Z",
    ...changes,
  };
}
