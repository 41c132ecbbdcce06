import type { components } from "@/api/schema";
import type { AppraisalTeam } from "@/features/appraisal-teams/api/appraisal-teams";
import { todayInVietnam } from "@/lib/format";

type OrgNode = components["schemas"]["OrganizationNode"];

/** The year the page opens on. */
export const year = todayInVietnam().year();

function node(
  id: number,
  kind: string,
  name: string,
  ancestors: number[],
  children: OrgNode[] = [],
): OrgNode {
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

/** Thành ủy Vinh → Đảng bộ Trường Đại học Vinh → two branches; and another base beside it. */
export const orgTree = {
  items: [],
  total: 5,
  page: 1,
  per_page: 100,
  tree: [
    node(1, "district", "Thành ủy Vinh", [], [
      node(10, "base", "Đảng bộ Trường Đại học Vinh", [1], [
        node(100, "branch", "Chi bộ Khoa Toán", [1, 10]),
        node(101, "branch", "Chi bộ Khoa Văn", [1, 10]),
      ]),
      node(11, "base", "Đảng bộ Phường Hưng Bình", [1]),
    ]),
  ],
};

/** A team the base's committee sends to one of its branches. */
export function team(changes: Partial<AppraisalTeam> = {}): AppraisalTeam {
  return {
    id: 61,
    organization_id: 10,
    year,
    target_id: 100,
    target_name: "Chi bộ Khoa Toán",
    leader: "Đồng chí Nguyễn Văn An",
    members: ["Đồng chí Trần Thị Bình", "Đồng chí Lê Văn Cường"],
    visit_on: `${year}-12-08`,
    findings: "Chi bộ tổ chức kiểm điểm nghiêm túc, đúng quy trình.",
    conclusion: "confirmed",
    version: 2,
    updated_by: "Nguyễn Văn An",
    updated_at: `${year}-12-09T03:00:00Z`,
    ...changes,
  };
}
