import type { Figure, ReportKind } from "@/features/party-reports/api/party-reports";

// The text a new report starts with: the customary sections of each kind (D1, D4), in
// Vietnamese whatever the UI's language (it is a party document), with the figures as
// `{{placeholders}}` (filled when printed, frozen when approved).
const bodies: Record<ReportKind, string[]> = {
  collective_review: [
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "Đảng bộ có {{so_chi_bo}} chi bộ trực thuộc, {{tong_so_dang_vien}} đảng viên.",
    "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {{nam}}",
    "1. Về lãnh đạo thực hiện nhiệm vụ chính trị",
    "…",
    "2. Về công tác xây dựng Đảng",
    "…",
    "III. KẾT QUẢ KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CHỈ RA",
    "…",
    "IV. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "…",
    "V. TỰ ĐÁNH GIÁ, XẾP LOẠI",
    "Tổng điểm tự chấm: {{tong_diem_tu_cham}}; mức xếp loại tự đánh giá: {{muc_xep_loai_to_chuc}}.",
    "VI. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC",
    "…",
  ],
  party_building_summary: [
    "I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {{nam}}",
    "1. Công tác chính trị, tư tưởng",
    "…",
    "2. Công tác tổ chức, cán bộ, đảng viên",
    "Tổng số đảng viên: {{tong_so_dang_vien}}. Kết quả đánh giá, xếp loại: hoàn thành xuất sắc nhiệm vụ {{hoan_thanh_xuat_sac}} đồng chí ({{ty_le_hoan_thanh_xuat_sac}}); hoàn thành tốt nhiệm vụ {{hoan_thanh_tot}} đồng chí ({{ty_le_hoan_thanh_tot}}); hoàn thành nhiệm vụ {{hoan_thanh}} đồng chí ({{ty_le_hoan_thanh}}); không hoàn thành nhiệm vụ {{khong_hoan_thanh}} đồng chí ({{ty_le_khong_hoan_thanh}}).",
    "Tổ chức cơ sở đảng, chi bộ: {{so_to_chuc_xep_loai}} được xếp loại, trong đó trong sạch vững mạnh {{to_chuc_trong_sach_vung_manh}} (tiêu biểu {{to_chuc_tieu_bieu}}), hoàn thành tốt nhiệm vụ {{to_chuc_tot}}, hoàn thành nhiệm vụ {{to_chuc_hoan_thanh}}, yếu kém {{to_chuc_yeu_kem}}.",
    "3. Công tác kiểm tra, giám sát",
    "…",
    "4. Công tác dân vận",
    "…",
    "II. HẠN CHẾ, NGUYÊN NHÂN",
    "…",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{nam_sau}}",
    "…",
  ],
  inspection_summary: [
    "I. VIỆC GỢI Ý KIỂM ĐIỂM",
    "Ủy ban Kiểm tra đã gợi ý kiểm điểm {{so_goi_y}} nội dung đối với tập thể và cá nhân.",
    "II. KẾT QUẢ GIẢI TRÌNH, TIẾP THU",
    "Đã giải trình {{so_goi_y_da_giai_trinh}} nội dung; còn {{so_goi_y_chua_giai_trinh}} nội dung chưa giải trình.",
    "…",
    "III. ĐÁNH GIÁ, KIẾN NGHỊ",
    "…",
  ],
};

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The template of `kind` with only the placeholders the server offers (`figures`): an unknown
 * one would be refused on save (422), so it is left as "…" for the committee to write.
 */
export function templateBody(kind: ReportKind, figures: Figure[]): string {
  const keys = new Set(figures.map((figure) => figure.key));
  return bodies[kind]
    .join("\n")
    .replace(placeholder, (whole, key: string) => (keys.has(key) ? whole : "…"));
}

/** The title a new report starts with. */
export function templateTitle(kind: ReportKind, organization: string, year: number): string {
  switch (kind) {
    case "collective_review":
      return `Kiểm điểm tập thể ${organization} năm ${year}`;
    case "party_building_summary":
      return `Tổng kết công tác xây dựng Đảng năm ${year}`;
    case "inspection_summary":
      return `Tổng hợp kết quả thực hiện nội dung gợi ý kiểm điểm năm ${year}`;
  }
}

/** The signature a new report starts with: the committee's, or the inspection commission's. */
export function templateSignerTitle(kind: ReportKind): string {
  return kind === "inspection_summary" ? "T/M ỦY BAN KIỂM TRA\nCHỦ NHIỆM" : "T/M ĐẢNG ỦY\nBÍ THƯ";
}

/** The rule each kind answers (shown until the server's report says it). */
export const kindRules: Record<ReportKind, string> = {
  collective_review: "D1",
  party_building_summary: "D4",
  inspection_summary: "P3",
};

/** The text with each known `{{key}}` replaced by today's figure (an unknown one is kept). */
export function renderBody(body: string, figures: Figure[]): string {
  const values = new Map(figures.map((figure) => [figure.key, figure.value]));
  return body.replace(placeholder, (whole, key: string) => values.get(key) ?? whole);
}
