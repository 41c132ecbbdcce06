import type { components } from "@/api/schema";
import type {
  DossierDetail,
  DossierStatus,
  SubmissionRecord,
} from "@/features/dossiers/api/dossiers";
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

/** Thành ủy Vinh → Đảng bộ Trường Đại học Vinh, Đảng bộ phường Bến Thủy, Đảng bộ phường Hưng Dũng. */
function vinh(ancestors: number[]): OrgNode {
  const inside = [...ancestors, 1];
  return node(1, "district", "Thành ủy Vinh", ancestors, [
    node(10, "base", "Đảng bộ Trường Đại học Vinh", inside),
    node(11, "base", "Đảng bộ phường Bến Thủy", inside),
    node(12, "base", "Đảng bộ phường Hưng Dũng", inside),
  ]);
}

/** The city and its bases, as the city's committee sees them. */
export const orgTree = { items: [], total: 4, page: 1, per_page: 100, tree: [vinh([])] };

/** Tỉnh ủy Nghệ An above the city, as the province's committee sees them (plan II.5). */
export const provinceTree = {
  ...orgTree,
  total: 5,
  tree: [node(2, "province", "Tỉnh ủy Nghệ An", [], [vinh([2])])],
};

export function submission(changes: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    number: 1,
    status: "submitted",
    submitted_by: "Nguyễn Văn An",
    // 09:30 in Vietnam.
    submitted_at: `${year}-11-24T02:30:00Z`,
    deadline: `${year}-11-25`,
    late: false,
    documents: 4,
    missing: [],
    archive_sha256: "ab".repeat(32),
    ...changes,
  };
}

export function dossierStatus(changes: Partial<DossierStatus> = {}): DossierStatus {
  return {
    kind: "base",
    organization_id: 10,
    name: "Đảng bộ Trường Đại học Vinh",
    year,
    status: "not_submitted",
    deadline: `${year}-11-25`,
    late: false,
    overdue: false,
    latest: null,
    cycle_id: 100,
    ...changes,
  };
}

/** The district's three bases: one accepted, one submitted late, one not submitted and overdue. */
export const districtDossiers: DossierStatus[] = [
  dossierStatus({ status: "accepted", latest: submission({ status: "accepted" }) }),
  dossierStatus({
    organization_id: 11,
    name: "Đảng bộ phường Bến Thủy",
    status: "submitted",
    late: true,
    latest: submission({ submitted_at: `${year}-11-26T08:05:00Z`, late: true }),
  }),
  dossierStatus({
    organization_id: 12,
    name: "Đảng bộ phường Hưng Dũng",
    overdue: true,
  }),
];

export function dossierDetail(changes: Partial<DossierDetail> = {}): DossierDetail {
  const status = dossierStatus(changes);
  return {
    ...status,
    preview: {
      version: 1,
      year,
      organization: { id: status.organization_id, code: "ORG10", name: status.name },
      deadline: status.deadline,
      generated_at: `${year}-11-24T02:00:00Z`,
      generated_by: "Nguyễn Văn An",
      documents: [
        {
          name: "01-bao-cao-kiem-diem-tap-the.docx",
          title: "Báo cáo kiểm điểm tập thể",
          rule: "D1",
          media_type:
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          size: 12_800,
          sha256: "cd".repeat(32),
        },
        {
          name: "03-bang-tong-hop-xep-loai-can-bo.xlsx",
          title: "Bảng tổng hợp xếp loại cán bộ",
          rule: "D3",
          media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          size: 9_300,
          sha256: "ef".repeat(32),
        },
      ],
      missing: [
        {
          document: "04-ho-so-co-so.docx",
          rule: "O4",
          reason: "Đảng ủy chưa tự chấm điểm",
          blocking: true,
        },
        {
          document: "04-ho-so-co-so.docx",
          rule: "W6",
          reason: "Chưa đăng ký thi đua năm sau",
          blocking: false,
        },
      ],
    },
    submissions: [],
    ...changes,
  };
}

function pdf(name: string, title: string, rule: string, size: number) {
  return { name, title, rule, media_type: "application/pdf", size, sha256: "aa".repeat(32) };
}

/**
 * The base's leaders' dossier to the province (plan II.5, by 15/12): the approved collective
 * report and the leaders' meeting minutes are in; one leader's self-review is missing (blocking)
 * and another has no member classification yet (a warning).
 */
export function leadersDossierDetail(changes: Partial<DossierDetail> = {}): DossierDetail {
  const detail = dossierDetail({ kind: "leaders", deadline: `${year}-12-15`, ...changes });
  return {
    ...detail,
    preview: {
      ...detail.preview,
      kind: "leaders",
      deadline: detail.deadline,
      documents: [
        pdf("01-bao-cao-kiem-diem-tap-the.pdf", "Báo cáo kiểm điểm tập thể", "D1", 20_480),
        pdf(
          "02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf",
          "Biên bản hội nghị kiểm điểm tập thể, cá nhân lãnh đạo",
          "P1",
          15_360,
        ),
      ],
      missing: [
        {
          document: "05-ban-kiem-diem-0101.pdf",
          rule: "D2",
          reason: "Trần Văn Bình chưa nộp bản tự kiểm điểm",
          blocking: true,
        },
        {
          document: "04-bang-tong-hop-xep-loai-can-bo-lanh-dao.pdf",
          rule: "M6",
          reason: "Lê Thị Cúc chưa có kết quả xếp loại đảng viên",
          blocking: false,
        },
      ],
    },
    ...(changes.preview === undefined ? {} : { preview: changes.preview }),
  };
}
