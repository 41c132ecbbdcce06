import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's words. Vietnamese is the source: its keys define ReportsMessageKey.
const vi = {
  "reports.title": "Báo cáo thống kê",
  "reports.intro":
    "Số lượng đảng viên theo mức xếp loại (tỷ lệ trên số đã xếp loại) của từng chi bộ, đảng bộ cơ sở và Thành ủy; xếp loại tổ chức đảng (O1) và đơn vị (O3).",
  "reports.organization": "Tổ chức",
  "reports.year": "Năm",
  "reports.noOrganization": "Không có tổ chức nào để thống kê",
  "reports.download": "Tải XLSX",
  "reports.name": "Tổ chức",
  "reports.members": "Đảng viên",
  "reports.excellent": "Xuất sắc",
  "reports.good": "Tốt",
  "reports.completed": "Hoàn thành",
  "reports.not_completed": "Không hoàn thành",
  "reports.pending": "Chưa đánh giá",
  "reports.not_classified": "Không đánh giá",
  "reports.unresolved": "Chưa quyết",
  "reports.not_voted": "Chưa có kết quả",
  "reports.supplementary": "Đánh giá bổ sung",
  "reports.cancelled": "Đã hủy",
  "reports.total": "Tổng cộng",
  "reports.chart": "Tỷ lệ xếp loại theo chi bộ",
  "reports.chart.empty": "Chưa có chi bộ nào",
  "reports.chart.label":
    "Biểu đồ cột chồng tỷ lệ xếp loại của {count} chi bộ; số liệu chi tiết ở bảng bên dưới",
  "reports.trend": "Phân bố xếp loại qua các năm",
  "reports.trend.total": "Toàn tổ chức",
  "reports.trend.branches": "Theo chi bộ",
  "reports.trend.branch": "Chi bộ",
  "reports.trend.none": "Chưa có kết quả",
  "reports.trend.fromHistory":
    "* Năm chưa có đợt kiểm điểm trên hệ thống: số liệu lấy từ lịch sử xếp loại của đảng viên, tính theo chi bộ hiện nay của mỗi người.",
  "reports.trend.chart":
    "Biểu đồ cột chồng phân bố xếp loại toàn tổ chức từ năm {from} đến năm {to}; số liệu chi tiết ở bảng bên dưới",
  "reports.trend.year": "Năm",
  "reports.trend.classified": "Đã xếp loại {classified}/{members} đảng viên",
  "reports.orgs": "Tổ chức đảng và đơn vị",
  "reports.orgs.classified": "TCCS đã xếp loại (O1)",
  "reports.orgs.clean_strong": "Trong sạch vững mạnh",
  "reports.orgs.exemplary": "Tiêu biểu",
  "reports.orgs.good": "Hoàn thành tốt",
  "reports.orgs.completed": "Hoàn thành",
  "reports.orgs.weak": "Yếu kém",
  "reports.units.rated": "Đơn vị được xếp loại (O3)",
  "reports.units.outstanding": "Xuất sắc",
  "reports.units.good": "Tốt",
  "reports.units.fair": "Khá",
  "reports.units.average": "Trung bình",
  "reports.units.weak": "Yếu kém",
  "reports.warnings": "Vượt giới hạn O2, O3",
  "reports.frames": "Theo khung tiêu chí",
  "reports.frame": "Khung tiêu chí",
  "reports.quotaGroups": "Theo nhóm tính tỷ lệ",
  "reports.quotaGroup": "Nhóm tính tỷ lệ",
  "reports.collectives":
    "Tổ chức đảng được cấp có thẩm quyền xếp loại (Quy định 366): {decided} — hoàn thành xuất sắc {excellent}, hoàn thành tốt {good}, hoàn thành {completed}, không hoàn thành {not_completed}",
};

export type ReportsMessageKey = keyof typeof vi;

const en: Record<ReportsMessageKey, string> = {
  "reports.title": "Statistics reports",
  "reports.intro":
    "Members by level (share of those classified) in each branch, base and district; party organisations' levels (O1) and units' ratings (O3).",
  "reports.organization": "Organisation",
  "reports.year": "Year",
  "reports.noOrganization": "No organisation to report on",
  "reports.download": "Download XLSX",
  "reports.name": "Organisation",
  "reports.members": "Members",
  "reports.excellent": "Excellent",
  "reports.good": "Good",
  "reports.completed": "Completed",
  "reports.not_completed": "Not completed",
  "reports.pending": "Pending",
  "reports.not_classified": "Not classified",
  "reports.unresolved": "Unresolved",
  "reports.not_voted": "No result yet",
  "reports.supplementary": "Supplementary",
  "reports.cancelled": "Cancelled",
  "reports.total": "Total",
  "reports.chart": "Levels by branch",
  "reports.chart.empty": "No branch yet",
  "reports.chart.label":
    "Stacked bar chart of the levels in {count} branches; the table below has the figures",
  "reports.trend": "Level distribution by year",
  "reports.trend.total": "The whole organisation",
  "reports.trend.branches": "By branch",
  "reports.trend.branch": "Branch",
  "reports.trend.none": "No result yet",
  "reports.trend.fromHistory":
    "* A year before any review cycle in the system: counted from the members' recorded history, by each member's branch today.",
  "reports.trend.chart":
    "Stacked bar chart of the whole organisation's levels from {from} to {to}; the table below has the figures",
  "reports.trend.year": "Year",
  "reports.trend.classified": "{classified} of {members} members classified",
  "reports.orgs": "Party organisations and units",
  "reports.orgs.classified": "Base organisations classified (O1)",
  "reports.orgs.clean_strong": "Clean and strong",
  "reports.orgs.exemplary": "Exemplary",
  "reports.orgs.good": "Well completed",
  "reports.orgs.completed": "Completed",
  "reports.orgs.weak": "Weak",
  "reports.units.rated": "Units rated (O3)",
  "reports.units.outstanding": "Outstanding",
  "reports.units.good": "Good",
  "reports.units.fair": "Fair",
  "reports.units.average": "Average",
  "reports.units.weak": "Weak",
  "reports.warnings": "O2, O3 limits exceeded",
  "reports.frames": "By frame",
  "reports.frame": "Frame",
  "reports.quotaGroups": "By quota group",
  "reports.quotaGroup": "Quota group",
  "reports.collectives":
    "Party organisations classified by the competent level (Regulation 366): {decided} — excellent {excellent}, good {good}, completed {completed}, not completed {not_completed}",
};

const reportsMessages = { vi, en };

export type ReportsTranslate = (key: ReportsMessageKey, values?: TranslationValues) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useReportsT(): ReportsTranslate {
  return useFeatureT(reportsMessages);
}
