import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's words (Guidance C.5: the appraisal teams a committee sends to the organisations
// below it). Vietnamese is the source: its keys define AppraisalTeamsMessageKey.
const vi = {
  "appraisalTeams.title": "Đoàn kiểm tra, thẩm định",
  "appraisalTeams.intro":
    "Cấp ủy lập đoàn kiểm tra, thẩm định kết quả kiểm điểm, xếp loại của các tổ chức đảng cấp dưới (C.5); đoàn ghi nhận xét và kết luận giữ nguyên hay cần điều chỉnh kết quả xếp loại.",
  "appraisalTeams.organization": "Tổ chức",
  "appraisalTeams.year": "Năm",
  "appraisalTeams.noOrganization": "Bạn không phụ trách tổ chức nào có đoàn kiểm tra, thẩm định",
  "appraisalTeams.forbidden": "Bạn không có quyền xem các đoàn kiểm tra của tổ chức này",
  "appraisalTeams.empty": "Chưa có đoàn kiểm tra, thẩm định nào trong năm",
  "appraisalTeams.create": "Lập đoàn",
  "appraisalTeams.created": "Đã lập đoàn kiểm tra, thẩm định",
  "appraisalTeams.edit": "Sửa",
  "appraisalTeams.editTitle": "Sửa đoàn kiểm tra, thẩm định",
  "appraisalTeams.updated": "Đã cập nhật đoàn",
  "appraisalTeams.target": "Tổ chức được kiểm tra",
  "appraisalTeams.leader": "Trưởng đoàn",
  "appraisalTeams.members": "Thành viên",
  "appraisalTeams.members.hint": "Gõ họ tên rồi nhấn Enter để thêm từng người",
  "appraisalTeams.visitOn": "Ngày làm việc",
  "appraisalTeams.findings": "Nhận xét của đoàn",
  "appraisalTeams.conclusion": "Kết luận",
  "appraisalTeams.conclusion.confirmed": "Giữ nguyên kết quả xếp loại",
  "appraisalTeams.conclusion.adjust": "Cần điều chỉnh",
  "appraisalTeams.conclusion.none": "Chưa kết luận",
  "appraisalTeams.conclusion.hint": "Ghi nhận xét của đoàn trước khi kết luận",
  "appraisalTeams.fromAbove": "Đoàn của cấp trên",
  "appraisalTeams.stale": "Đoàn vừa được người khác sửa; hãy tải lại rồi cập nhật",
  "appraisalTeams.stale.reload": "Tải lại",
  "appraisalTeams.delete.confirm": "Xóa đoàn kiểm tra {target}?",
  "appraisalTeams.deleted": "Đã xóa đoàn",
};

export type AppraisalTeamsMessageKey = keyof typeof vi;

const en: Record<AppraisalTeamsMessageKey, string> = {
  "appraisalTeams.title": "Appraisal teams",
  "appraisalTeams.intro":
    "A committee forms teams to inspect and appraise the review and classification of the party organisations below it (C.5); each team records its findings and concludes whether the classification stands or needs adjusting.",
  "appraisalTeams.organization": "Organisation",
  "appraisalTeams.year": "Year",
  "appraisalTeams.noOrganization": "You are in charge of no organisation with appraisal teams",
  "appraisalTeams.forbidden": "You may not read this organisation's appraisal teams",
  "appraisalTeams.empty": "No appraisal team this year",
  "appraisalTeams.create": "Form a team",
  "appraisalTeams.created": "Appraisal team formed",
  "appraisalTeams.edit": "Edit",
  "appraisalTeams.editTitle": "Edit the appraisal team",
  "appraisalTeams.updated": "Team updated",
  "appraisalTeams.target": "Organisation appraised",
  "appraisalTeams.leader": "Team leader",
  "appraisalTeams.members": "Members",
  "appraisalTeams.members.hint": "Type a name and press Enter to add each member",
  "appraisalTeams.visitOn": "Visit date",
  "appraisalTeams.findings": "Findings",
  "appraisalTeams.conclusion": "Conclusion",
  "appraisalTeams.conclusion.confirmed": "Classification stands",
  "appraisalTeams.conclusion.adjust": "Needs adjusting",
  "appraisalTeams.conclusion.none": "No conclusion yet",
  "appraisalTeams.conclusion.hint": "Record the team's findings before concluding",
  "appraisalTeams.fromAbove": "Team from the superior",
  "appraisalTeams.stale": "Someone else just changed this team; please reload it and update again",
  "appraisalTeams.stale.reload": "Reload",
  "appraisalTeams.delete.confirm": "Delete the appraisal team for {target}?",
  "appraisalTeams.deleted": "Team deleted",
};

const appraisalTeamsMessages = { vi, en };

export type AppraisalTeamsTranslate = (
  key: AppraisalTeamsMessageKey,
  values?: TranslationValues,
) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useAppraisalTeamsT(): AppraisalTeamsTranslate {
  return useFeatureT(appraisalTeamsMessages);
}
