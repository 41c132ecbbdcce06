import type { components } from "@/api/schema";
import { json } from "@/testing/api";

type Member = components["schemas"]["Member"];
type OrgNode = components["schemas"]["OrganizationNode"];

export function orgNode(
  id: number,
  kind: string,
  name: string,
  ancestorIds: number[],
  children: OrgNode[] = [],
): OrgNode {
  return {
    id,
    kind,
    code: `ORG-${id}`,
    name,
    parent_id: ancestorIds.at(-1) ?? null,
    ancestor_ids: ancestorIds,
    created_at: "2026-11-20T01:30:00Z",
    updated_at: "2026-11-20T01:30:00Z",
    children,
  };
}

export const branch = orgNode(30, "branch", "Chi bộ Khoa Toán", [1, 10, 20]);
export const base = orgNode(20, "base", "Đảng bộ Trường Đại học Sư phạm", [1, 10], [branch]);

export function treeAnswer(tree: OrgNode[]) {
  return () => json({ items: [], tree, total: 0, page: 1, per_page: 100 });
}

export function member(id: number, fullName: string, changes: Partial<Member> = {}): Member {
  return {
    id,
    card_number: `34.0${id}0000`,
    full_name: fullName,
    gender: "female",
    date_of_birth: "1980-05-02",
    branch_id: branch.id,
    branch_name: branch.name,
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
    ...changes,
  };
}

export function memberPage(items: Member[], total?: number) {
  return json({
    items,
    total: total ?? items.length,
    total_exact: total === undefined,
    page: 1,
    per_page: 20,
  });
}

/** A member as GET /members/{id} answers: with its version in the ETag header. */
export function versionedAnswer(value: Member, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json", ETag: `"m${value.id}-v${value.version}"` },
  });
}
