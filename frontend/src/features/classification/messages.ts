import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// The what-if's words for a points rule set (RULES-2025.md: S1–S10, C1–C4). Vietnamese is the
// source: its keys define PointsMessageKey. The ballot what-if's words are the app's (whatIf.*).
const vi = {
  "points.intro":
    "Bộ quy tắc chấm điểm (Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW): mỗi đảng viên, mỗi tập thể (khung F1) được chấm trên 100 điểm theo khung của mình; mức xếp loại theo tổng điểm, điều kiện về nhiệm vụ, các trường hợp bắt buộc và tỷ lệ hoàn thành xuất sắc theo nhóm.",
  "points.method": "Chấm điểm 100 điểm (2025)",
  "points.load.ballotOnly":
    "Lấy dữ liệu chi bộ hiện chỉ dùng cho bộ quy tắc bỏ phiếu (2016): với bộ chấm điểm, hãy nhập các dòng.",
  "points.outstanding": "Kết quả nổi bật: tỷ lệ đến {percent}%",
  "points.outstanding.tooltip":
    "S7: cấp có thẩm quyền quyết định nâng tỷ lệ hoàn thành xuất sắc lên {percent}% cho tổ chức có kết quả nổi bật",
  "points.name": "Họ và tên / tập thể",
  "points.frame": "Khung",
  "points.frame.option": "{frame} · {form}",
  "points.collective": "Tập thể: không có ngày vào Đảng",
  "points.points": "Điểm",
  "points.general": "Tiêu chí chung",
  "points.general.short": "Chung",
  "points.tasksPoints": "Kết quả thực hiện nhiệm vụ",
  "points.tasksPoints.short": "Nhiệm vụ",
  "points.outOf": "/{max}",
  "points.tasks": "Nhiệm vụ trong năm",
  "points.tasks.assigned": "Được giao",
  "points.tasks.done": "Hoàn thành",
  "points.tasks.on_time": "Đúng hạn",
  "points.tasks.exceeded": "Vượt yêu cầu",
  "points.shortcomings": "Hạn chế, khuyết điểm đã chỉ ra",
  "points.shortcomings.prior": "Đã chỉ ra",
  "points.shortcomings.remedied": "Đã khắc phục",
  "points.facts": "Trường hợp (S6, C2)",
  "points.facts.none": "Không có trường hợp nào",
  "points.mitigated": "Được xem xét giảm nhẹ",
  "points.quotaGroup": "Nhóm tính tỷ lệ",
  "points.quotaGroup.default": "Mặc định: {frame}",
  "points.flags": "Tình trạng",
  "points.flag.self_review_submitted": "Đã nộp bản tự đánh giá",
  "points.flag.exempt": "Miễn sinh hoạt",
  "points.flag.suspended": "Đình chỉ sinh hoạt",
  "points.flag.attached": "Sinh hoạt tạm thời",
  "points.result": "Kết quả",
  "points.total": "Tổng: {total} điểm",
  "points.status.pending": "Chưa xếp loại",
  "points.status.not_classified": "Không xếp loại",
  "points.status.unresolved": "Cấp có thẩm quyền quyết định",
  "points.rule": "Quy tắc {id}",
  "points.reason.S3.not_classified":
    "Không xếp loại: miễn hoặc đình chỉ sinh hoạt, sinh hoạt tạm thời (chi bộ chính thức xếp loại) hoặc vào Đảng chưa đủ {months} tháng",
  "points.reason.S3.pending": "Chưa nộp bản tự đánh giá: xếp loại bổ sung sau",
  "points.reason.S5": "Mức theo tổng điểm và điều kiện về nhiệm vụ",
  "points.reason.S5-gap":
    "Điểm và điều kiện về nhiệm vụ không khớp mức nào: cấp có thẩm quyền quyết định",
  "points.reason.mitigated": "Có trường hợp được cấp có thẩm quyền xem xét giảm nhẹ",
  "points.reason.fact": "Không hoàn thành nhiệm vụ do: {fact}",
  "points.reason.blocks": "Không được xếp hoàn thành xuất sắc do: {fact}",
  "points.reason.S7": "Vượt tỷ lệ hoàn thành xuất sắc của nhóm: xuống hoàn thành tốt nhiệm vụ",
  "points.reason.S7-tie": "Bằng điểm tại ngưỡng tỷ lệ của nhóm: cấp có thẩm quyền quyết định",
  "points.reason.S9": "Có quý không hoàn thành nhiệm vụ: không được hoàn thành xuất sắc",
  "points.reason.C2": "Tập thể: mức theo tổng điểm và điều kiện về nhiệm vụ",
  "points.reason.C2.pending": "Tập thể chưa nộp báo cáo tự đánh giá (Mẫu 01): xếp loại sau",
  "points.quotas": "Tỷ lệ hoàn thành xuất sắc theo nhóm (S7, C3)",
  "points.quotas.hint":
    "G: số người trong nhóm {basis} trước khi áp tỷ lệ; tối đa {percent}% của G được hoàn thành xuất sắc.",
  "points.quotas.basis.good": "được xếp loại hoàn thành tốt nhiệm vụ",
  "points.quotas.basis.good_or_better": "được xếp loại hoàn thành tốt nhiệm vụ trở lên",
  "points.quotas.group": "Nhóm",
  "points.quotas.counted": "G",
  "points.quotas.limit": "Tối đa xuất sắc",
  "points.quotas.excellent": "Hoàn thành xuất sắc",
  "points.quotas.before": "{count} trước khi áp tỷ lệ",
  "points.remove": "Bỏ dòng này",
  "points.add": "Thêm dòng",
};

export type PointsMessageKey = keyof typeof vi;

const en: Record<PointsMessageKey, string> = {
  "points.intro":
    "A points rule set (Regulation 366-QĐ/TW, Guidance 43-HD/BTCTW): every member and every collective (frame F1) is scored on 100 points on their frame; the level follows the total, the conditions on tasks, the forcing facts and the quota on excellent per group.",
  "points.method": "100-point scoring (2025)",
  "points.load.ballotOnly":
    "Loading a branch works only with a ballot rule set (2016) for now: under a points rule set, type the rows.",
  "points.outstanding": "Outstanding results: quota up to {percent}%",
  "points.outstanding.tooltip":
    "S7: the competent level raises the quota on excellent to {percent}% for an organisation with outstanding results",
  "points.name": "Full name / collective",
  "points.frame": "Frame",
  "points.frame.option": "{frame} · {form}",
  "points.collective": "A collective: no admission date",
  "points.points": "Points",
  "points.general": "General criteria",
  "points.general.short": "General",
  "points.tasksPoints": "Task results",
  "points.tasksPoints.short": "Tasks",
  "points.outOf": "/{max}",
  "points.tasks": "The year's tasks",
  "points.tasks.assigned": "Assigned",
  "points.tasks.done": "Done",
  "points.tasks.on_time": "On time",
  "points.tasks.exceeded": "Beyond",
  "points.shortcomings": "Shortcomings named before",
  "points.shortcomings.prior": "Named",
  "points.shortcomings.remedied": "Remedied",
  "points.facts": "Facts (S6, C2)",
  "points.facts.none": "No fact",
  "points.mitigated": "Found mitigated",
  "points.quotaGroup": "Quota group",
  "points.quotaGroup.default": "Default: {frame}",
  "points.flags": "Situation",
  "points.flag.self_review_submitted": "Self-assessment submitted",
  "points.flag.exempt": "Exempt from party activities",
  "points.flag.suspended": "Suspended from party activities",
  "points.flag.attached": "Attached from another branch",
  "points.result": "Result",
  "points.total": "Total: {total} points",
  "points.status.pending": "Not classified yet",
  "points.status.not_classified": "Not classified",
  "points.status.unresolved": "For the competent level to decide",
  "points.rule": "Rule {id}",
  "points.reason.S3.not_classified":
    "Not classified: exempt or suspended, attached (the official branch classifies) or admitted less than {months} months ago",
  "points.reason.S3.pending": "No self-assessment yet: classified later",
  "points.reason.S5": "Level by the total and the conditions on tasks",
  "points.reason.S5-gap":
    "The points and the tasks fit no level: the competent level decides",
  "points.reason.mitigated": "A fact was found mitigated by the competent level",
  "points.reason.fact": "Did not complete duties because: {fact}",
  "points.reason.blocks": "Cannot be excellent because: {fact}",
  "points.reason.S7": "Over the group's quota on excellent: down to well completed",
  "points.reason.S7-tie": "Tied at the group's quota: the competent level decides",
  "points.reason.S9": "A quarter not completed: cannot be excellent",
  "points.reason.C2": "Collective: level by the total and the conditions on tasks",
  "points.reason.C2.pending": "The collective's report (Mẫu 01) is not in: classified later",
  "points.quotas": "Quota on excellent per group (S7, C3)",
  "points.quotas.hint":
    "G: those of the group {basis} before the quota; at most {percent}% of G may be excellent.",
  "points.quotas.basis.good": "rated well completed",
  "points.quotas.basis.good_or_better": "rated well completed or better",
  "points.quotas.group": "Group",
  "points.quotas.counted": "G",
  "points.quotas.limit": "Excellent at most",
  "points.quotas.excellent": "Excellent",
  "points.quotas.before": "{count} before the quota",
  "points.remove": "Remove this row",
  "points.add": "Add a row",
};

const pointsMessages = { vi, en };

export type PointsTranslate = (key: PointsMessageKey, values?: TranslationValues) => string;

/** `useT` for the points what-if's words, in the locale the user chose. */
export function usePointsT(): PointsTranslate {
  return useFeatureT(pointsMessages);
}
