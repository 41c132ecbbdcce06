import type { Cycle } from "@/features/org-classification/api/cycles";
import type {
  OrgAssessment,
  OrgClassification,
} from "@/features/org-classification/api/org-classification";
import type { RuleSet } from "@/features/org-classification/api/rule-sets";
import { pointsInfo } from "@/testing/points";

// The 2016 sheet of the built-in rule set (O4): 100 points, cut-offs 90, 70, 50.
const criteria = [
  { code: "politics", title: "Giáo dục chính trị, tư tưởng", max: 15 },
  { code: "leadership", title: "Lãnh đạo thực hiện nhiệm vụ chính trị của đơn vị", max: 30 },
  { code: "organisation", title: "Công tác tổ chức, cán bộ và đảng viên", max: 20 },
  { code: "inspection", title: "Công tác kiểm tra, giám sát và kỷ luật đảng", max: 15 },
  { code: "mass", title: "Lãnh đạo chính quyền, Mặt trận và các đoàn thể", max: 20 },
];

export function ruleSet(changes: Partial<RuleSet> = {}): RuleSet {
  return {
    name: "vinh-2016",
    based_on: null,
    method: "ballot",
    points: null,
    levels: ["excellent", "good", "completed", "not_completed"],
    excellent_threshold: { num: 2, den: 3, strict: true },
    pass_threshold: { num: 1, den: 2, strict: true },
    quota_percent: 15,
    quota_basis: "good_or_better",
    outstanding_percent: 20,
    small_branch_size: 7,
    small_branch_cap: 1,
    new_member_months: 6,
    long_absence_months: 3,
    discipline_term_months: 12,
    org_sheet: { criteria, clean_strong: 90, good: 70, completed: 50 },
    org_quota: { clean_strong_percent: 50, exemplary_percent: 20, outstanding_unit_percent: 50 },
    ...changes,
  };
}

/** The built-in points rule set tw-366-2025 (RULES-2025.md), as the API lists it. */
export function pointsRuleSet(changes: Partial<RuleSet> = {}): RuleSet {
  return ruleSet({
    name: "tw-366-2025",
    method: "points",
    quota_percent: 20,
    quota_basis: "good",
    outstanding_percent: 25,
    small_branch_size: 0,
    small_branch_cap: 0,
    points: pointsInfo(),
    ...changes,
  });
}

/** The base's cycle for 2026, under the built-in rule set. */
export const cycle: Cycle = {
  id: 9,
  organization_id: 10,
  organization_name: "Đảng bộ Trường Đại học Vinh",
  year: 2026,
  rule_set: "vinh-2016",
  rules: {},
  reference_date: "2026-12-31",
  stage: "appraisal",
  phases: [],
  created_at: "2026-11-01T01:00:00Z",
  updated_at: "2026-11-01T01:00:00Z",
};

/** A branch's sheet; `points` gives each criterion's own points, in the order above. */
export function assessment(
  changes: Partial<OrgAssessment> & { organization_id: number; name: string },
  points: { self?: number[]; superior?: number[] } = {},
): OrgAssessment {
  return {
    kind: "branch",
    year: 2026,
    criteria: criteria.map((criterion, at) => ({
      ...criterion,
      self_points: points.self?.[at] ?? null,
      superior_points: points.superior?.[at] ?? null,
    })),
    max_total: 100,
    self_total: points.self?.reduce((sum, value) => sum + value, 0) ?? null,
    superior_total: points.superior?.reduce((sum, value) => sum + value, 0) ?? null,
    level: null,
    exemplary: false,
    unit_rating: null,
    status: "not_started",
    updated_by: null,
    updated_at: null,
    ...changes,
  };
}

export function overview(changes: Partial<OrgClassification> = {}): OrgClassification {
  return {
    organization_id: 10,
    year: 2026,
    organizations: [],
    classified: 0,
    clean_strong: 0,
    exemplary: 0,
    good: 0,
    completed: 0,
    weak: 0,
    units_rated: 0,
    units_outstanding: 0,
    warnings: [],
    ...changes,
  };
}
