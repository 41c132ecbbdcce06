import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's own words (the older ones live in the app's dictionary). Vietnamese is the
// source: its keys define CyclesMessageKey.
const vi = {
  "planProgress.title": "Tiến độ so với kế hoạch",
  "planProgress.empty": "Kế hoạch chưa có giai đoạn nào có việc để đo tiến độ",
  "planProgress.work.self_reviews": "Nộp bản tự kiểm điểm",
  "planProgress.work.professional_ratings": "Xếp loại chuyên môn (công chức, viên chức)",
  "planProgress.work.feedback": "Trả lời lấy ý kiến góp ý",
  "planProgress.accepted": "{accepted} bản đã được chấp nhận",
  "planProgress.deadline": "Hạn {date}",
  "planProgress.status.done": "Hoàn thành",
  "planProgress.status.on_track": "Đúng tiến độ",
  "planProgress.status.overdue": "Quá hạn, còn thiếu {missing}",
  "planProgress.bar": "{work}: {done}/{whole} ({percent}%), hạn {date}, {status}",
};

export type CyclesMessageKey = keyof typeof vi;

const en: Record<CyclesMessageKey, string> = {
  "planProgress.title": "Progress against the plan",
  "planProgress.empty": "No phase of the plan has work to measure yet",
  "planProgress.work.self_reviews": "Self-reviews submitted",
  "planProgress.work.professional_ratings": "Professional ratings (civil servants)",
  "planProgress.work.feedback": "Feedback returned",
  "planProgress.accepted": "{accepted} accepted",
  "planProgress.deadline": "Due {date}",
  "planProgress.status.done": "Done",
  "planProgress.status.on_track": "On track",
  "planProgress.status.overdue": "Overdue, {missing} missing",
  "planProgress.bar": "{work}: {done}/{whole} ({percent}%), due {date}, {status}",
};

const cyclesMessages = { vi, en };

export type CyclesTranslate = (key: CyclesMessageKey, values?: TranslationValues) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useCyclesT(): CyclesTranslate {
  return useFeatureT(cyclesMessages);
}
