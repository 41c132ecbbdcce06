import type { components } from "@/api/schema";
import type {
  Candidates,
  Nomination,
  QuotaLine,
  YearLevel,
} from "@/features/rewards/api/rewards";
import { todayInVietnam } from "@/lib/format";

type OrgNode = components["schemas"]["OrganizationNode"];

/** The year the page opens on. */
export const year = todayInVietnam().year();

function node(id: number, kind: string, name: string, ancestors: number[], children: OrgNode[] = []): OrgNode {
  return {
    id,
    kind,
    code: `ORG${id}`,
    name,
    parent_id: ancestors.at(-1) ?? null,
    ancestor_ids: ancestors,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    children,
  };
}

/** Thành ủy Vinh → Đảng bộ Trường Đại học Vinh → Chi bộ Khoa Toán. */
export const orgTree = {
  items: [],
  total: 3,
  page: 1,
  per_page: 100,
  tree: [
    node(1, "district", "Thành ủy Vinh", [], [
      node(10, "base", "Đảng bộ Trường Đại học Vinh", [1], [
        node(30, "branch", "Chi bộ Khoa Toán", [1, 10]),
      ]),
    ]),
  ],
};

/** The five years of W1 up to `year`, each at `level` unless `missing` lists it. */
export function fiveYears(level: string, exemplary = false, missing: number[] = []): YearLevel[] {
  return [4, 3, 2, 1, 0].map((back) => {
    const at = year - back;
    return missing.includes(at)
      ? { year: at, level: null, exemplary: false }
      : { year: at, level, exemplary };
  });
}

export function w2Quota(used: number): QuotaLine {
  return {
    reward: "member_certificate",
    rule: "W2",
    limit: 1,
    used,
    basis: "Đảng bộ có 86 đảng viên (dưới 100): tối đa 1",
  };
}

export const candidates: Candidates = {
  year,
  members: [
    {
      member_id: 501,
      full_name: "Trần Thị Bình",
      branch_name: "Chi bộ Khoa Toán",
      years: fiveYears("excellent"),
    },
  ],
  organizations: [
    {
      organization_id: 30,
      name: "Chi bộ Khoa Toán",
      kind: "branch",
      years: fiveYears("clean_strong", true, [year - 3]),
    },
  ],
};

export function nomination(changes: Partial<Nomination> = {}): Nomination {
  return {
    id: 900,
    year,
    reward: "member_certificate",
    rule: "W2",
    nominee_name: "Trần Thị Bình",
    member_id: 501,
    organization_id: null,
    nominating_organization_id: 10,
    status: "nominated",
    nominated_by: "Nguyễn Văn An",
    evidence: fiveYears("excellent"),
    created_at: `${year}-11-20T02:00:00Z`,
    updated_at: `${year}-11-20T02:00:00Z`,
    ...changes,
  };
}
