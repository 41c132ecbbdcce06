import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's words. Vietnamese is the source: its keys define AgendaMessageKey.
const vi = {
  "agenda.title": "Việc cần làm",
  "agenda.empty": "Không có việc nào cần làm",
  "agenda.late": "Quá hạn",
  "agenda.due": "Hạn {date}",
  "agenda.open": "Làm ngay",
  "agenda.lateCount": "{count} việc quá hạn",
  "agenda.kind.self_review_due": "Viết bản tự kiểm điểm",
  "agenda.kind.self_review_returned": "Sửa bản tự kiểm điểm bị trả lại",
  "agenda.kind.suggestion_open": "Trả lời gợi ý kiểm điểm",
  "agenda.kind.ballot_open": "Bỏ phiếu xếp loại",
  "agenda.kind.result_published": "Xem kết quả xếp loại",
  "agenda.kind.feedback_due": "Cho ý kiến góp ý",
  "agenda.kind.self_reviews_waiting": "Nhận xét bản tự kiểm điểm",
  "agenda.kind.feedback_overdue": "Đôn đốc ý kiến góp ý quá hạn",
  "agenda.kind.tally_due": "Nhập kết quả kiểm phiếu",
  "agenda.kind.appraisal_due": "Thẩm định kết quả xếp loại",
  "agenda.kind.dossier_due": "Nộp hồ sơ năm",
  "agenda.kind.dossier_returned": "Bổ sung hồ sơ năm bị trả lại",
  "agenda.kind.leaders_dossier_due": "Nộp hồ sơ cán bộ lãnh đạo",
  "agenda.kind.leaders_dossier_returned": "Bổ sung hồ sơ cán bộ lãnh đạo bị trả lại",
  "agenda.kind.dossier_to_decide": "Tiếp nhận hồ sơ năm",
  "agenda.kind.leaders_dossier_to_decide": "Tiếp nhận hồ sơ cán bộ lãnh đạo",
  "agenda.kind.review_meeting_notice": "Dự họp kiểm điểm",
  "agenda.kind.suggestions_unanswered": "Đôn đốc trả lời gợi ý kiểm điểm",
  "agenda.kind.nominations_to_decide": "Quyết định đề nghị khen thưởng",
  "agenda.kind.webhook_failed": "Kiểm tra webhook gửi lỗi",
  "agenda.kind.other": "Việc cần làm",
} satisfies Record<string, string>;

export type AgendaMessageKey = keyof typeof vi;

const en: Record<AgendaMessageKey, string> = {
  "agenda.title": "To do",
  "agenda.empty": "Nothing to do",
  "agenda.late": "Late",
  "agenda.due": "Due {date}",
  "agenda.open": "Do it",
  "agenda.lateCount": "{count} late",
  "agenda.kind.self_review_due": "Write your self-review",
  "agenda.kind.self_review_returned": "Revise your returned self-review",
  "agenda.kind.suggestion_open": "Answer a review suggestion",
  "agenda.kind.ballot_open": "Vote on the classification",
  "agenda.kind.result_published": "See the classification result",
  "agenda.kind.feedback_due": "Give your feedback",
  "agenda.kind.self_reviews_waiting": "Review the submitted self-reviews",
  "agenda.kind.feedback_overdue": "Chase overdue feedback",
  "agenda.kind.tally_due": "Enter the ballot count",
  "agenda.kind.appraisal_due": "Appraise the classification",
  "agenda.kind.dossier_due": "Submit the yearly dossier",
  "agenda.kind.dossier_returned": "Complete the returned yearly dossier",
  "agenda.kind.leaders_dossier_due": "Submit the leaders' dossier",
  "agenda.kind.leaders_dossier_returned": "Complete the returned leaders' dossier",
  "agenda.kind.dossier_to_decide": "Receive a yearly dossier",
  "agenda.kind.leaders_dossier_to_decide": "Receive a leaders' dossier",
  "agenda.kind.review_meeting_notice": "Attend the review meeting",
  "agenda.kind.suggestions_unanswered": "Chase unanswered review suggestions",
  "agenda.kind.nominations_to_decide": "Decide on reward nominations",
  "agenda.kind.webhook_failed": "Check failed webhook deliveries",
  "agenda.kind.other": "To do",
};

const agendaMessages = { vi, en };

export type AgendaTranslate = (key: AgendaMessageKey, values?: TranslationValues) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useAgendaT(): AgendaTranslate {
  return useFeatureT(agendaMessages);
}

/** The short action title of an item of kind `kind` (the server's message describes it). */
export function kindKey(kind: string): AgendaMessageKey {
  const key = `agenda.kind.${kind}`;
  return key in vi ? (key as AgendaMessageKey) : "agenda.kind.other";
}
