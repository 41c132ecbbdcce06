import type { components } from "@/api/schema";
import type { PartyReport, YearReports } from "@/features/party-reports/api/party-reports";
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

/** Thành ủy Vinh → Đảng bộ Trường Đại học Vinh. */
export const orgTree = {
  items: [],
  total: 2,
  page: 1,
  per_page: 100,
  tree: [
    node(1, "district", "Thành ủy Vinh", [], [
      node(10, "base", "Đảng bộ Trường Đại học Vinh", [1]),
    ]),
  ],
};

export const figures = [
  { key: "nam", label: "Năm", value: String(year) },
  { key: "nam_sau", label: "Năm sau", value: String(year + 1) },
  { key: "tong_so_dang_vien", label: "Tổng số đảng viên", value: "150" },
  { key: "hoan_thanh_xuat_sac", label: "Hoàn thành xuất sắc nhiệm vụ", value: "20" },
  { key: "ty_le_hoan_thanh_xuat_sac", label: "Tỷ lệ hoàn thành xuất sắc", value: "13,3%" },
];

export function report(changes: Partial<PartyReport> = {}): PartyReport {
  return {
    id: 5,
    organization_id: 10,
    year,
    kind: "collective_review",
    rule: "D1",
    title: `Kiểm điểm tập thể Đảng bộ Trường Đại học Vinh năm ${year}`,
    body: "I. ĐẶC ĐIỂM TÌNH HÌNH\nĐảng bộ có {{tong_so_dang_vien}} đảng viên.",
    rendered: "I. ĐẶC ĐIỂM TÌNH HÌNH\nĐảng bộ có 150 đảng viên.",
    signer_title: "T/M ĐẢNG ỦY\nBÍ THƯ",
    signer_name: "Nguyễn Văn An",
    version: 1,
    status: "draft",
    number: null,
    dated_on: null,
    approved_by: null,
    approved_at: null,
    updated_by: "Nguyễn Văn An",
    // 09:30 in Vietnam.
    updated_at: `${year}-11-24T02:30:00Z`,
    ...changes,
  };
}

export function yearReports(reports: PartyReport[] = []): YearReports {
  return { organization_id: 10, year, reports, figures, symbol: "BC/ĐU" };
}
