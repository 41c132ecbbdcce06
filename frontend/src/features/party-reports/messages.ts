import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's words (the committee's yearly reports, D1 and D4). Vietnamese is the source: its
// keys define PartyReportsMessageKey.
const vi = {
  "partyReports.title": "Báo cáo của cấp ủy",
  "partyReports.intro":
    "Cấp ủy soạn, lưu các phiên bản, duyệt và ban hành báo cáo hằng năm: báo cáo kiểm điểm tập thể (D1) và báo cáo tổng kết công tác xây dựng Đảng (D4). Số liệu được chèn bằng {{khóa}} và điền khi in; khi ban hành, số liệu được giữ nguyên và báo cáo được cấp số.",
  "partyReports.organization": "Tổ chức",
  "partyReports.year": "Năm",
  "partyReports.noOrganization": "Bạn không phụ trách tổ chức nào có báo cáo của cấp ủy",
  "partyReports.forbidden": "Bạn không có quyền xem báo cáo của tổ chức này",
  "partyReports.kind.collective_review": "Báo cáo kiểm điểm tập thể",
  "partyReports.kind.party_building_summary": "Báo cáo tổng kết công tác xây dựng Đảng",
  "partyReports.kind.inspection_summary": "Báo cáo tổng hợp gợi ý kiểm điểm (Ủy ban Kiểm tra)",
  "partyReports.status.none": "Chưa soạn",
  "partyReports.status.draft": "Dự thảo",
  "partyReports.status.approved": "Đã ban hành",
  "partyReports.issued": "Số {number}, ngày {date}",
  "partyReports.version": "Phiên bản {version}",
  "partyReports.updated": "Lưu lần cuối {at} — {by}",
  "partyReports.approvedBy": "Duyệt {at} — {by}",
  "partyReports.compose": "Soạn",
  "partyReports.edit": "Sửa",
  "partyReports.read": "Xem nội dung",
  "partyReports.closeEditor": "Đóng",
  "partyReports.save": "Lưu",
  "partyReports.saved": "Đã lưu phiên bản {version}",
  "partyReports.print": "Xem bản in",
  "partyReports.docx": "Tải DOCX",
  "partyReports.versions": "Các phiên bản",
  "partyReports.approve": "Duyệt và ban hành",
  "partyReports.form.title": "Tiêu đề",
  "partyReports.form.body": "Nội dung",
  "partyReports.form.body.hint":
    "Mỗi dòng là một đoạn. Bấm vào một số liệu bên cạnh để chèn {{khóa}} tại vị trí con trỏ.",
  "partyReports.form.signerTitle": "Chức danh người ký",
  "partyReports.form.signerName": "Họ và tên người ký",
  "partyReports.form.readOnly": "Báo cáo đã ban hành: nội dung không thể sửa nữa.",
  "partyReports.figures": "Số liệu",
  "partyReports.figures.hint": "Bấm để chèn vào nội dung",
  "partyReports.figure.insert": "Chèn {label}",
  "partyReports.preview": "Bản xem trước (số liệu hôm nay)",
  "partyReports.preview.approved": "Nội dung đã ban hành",
  "partyReports.stale":
    "Đã có người lưu một phiên bản mới hơn của báo cáo này. Hãy tải lại trang để xem phiên bản mới nhất rồi sửa tiếp.",
  "partyReports.alreadyApproved": "Báo cáo đã được ban hành, không thể sửa hay duyệt lại.",
  "partyReports.approval.title": "Duyệt và ban hành: {title}",
  "partyReports.approval.date": "Ngày ban hành",
  "partyReports.approval.confirm":
    "Sau khi ban hành, nội dung báo cáo (cả số liệu) không thể sửa được nữa; sổ đăng ký văn bản sẽ cấp cho báo cáo số tiếp theo ({symbol}).",
  "partyReports.approval.version": "Ban hành phiên bản {version}",
  "partyReports.approval.cancel": "Hủy",
  "partyReports.approved": "Đã ban hành báo cáo số {number}",
  "partyReports.versions.title": "Các phiên bản: {title}",
  "partyReports.versions.empty": "Chưa có phiên bản nào",
  "partyReports.versions.version": "Phiên bản",
  "partyReports.versions.titleColumn": "Tiêu đề",
  "partyReports.versions.savedBy": "Người lưu",
  "partyReports.versions.savedAt": "Thời gian lưu",
};

export type PartyReportsMessageKey = keyof typeof vi;

const en: Record<PartyReportsMessageKey, string> = {
  "partyReports.title": "Committee reports",
  "partyReports.intro":
    "The committee writes, versions, approves and issues its yearly reports: the collective review report (D1) and the party-building summary report (D4). Figures are inserted as {{key}} and filled in when printed; on approval they are frozen and the report takes a number.",
  "partyReports.organization": "Organisation",
  "partyReports.year": "Year",
  "partyReports.noOrganization": "You run no organisation with committee reports",
  "partyReports.forbidden": "You may not read this organisation's reports",
  "partyReports.kind.collective_review": "Collective review report",
  "partyReports.kind.party_building_summary": "Party-building summary report",
  "partyReports.kind.inspection_summary": "Review suggestions summary (inspection commission)",
  "partyReports.status.none": "Not written",
  "partyReports.status.draft": "Draft",
  "partyReports.status.approved": "Issued",
  "partyReports.issued": "No. {number}, dated {date}",
  "partyReports.version": "Version {version}",
  "partyReports.updated": "Last saved {at} — {by}",
  "partyReports.approvedBy": "Approved {at} — {by}",
  "partyReports.compose": "Write",
  "partyReports.edit": "Edit",
  "partyReports.read": "Read",
  "partyReports.closeEditor": "Close",
  "partyReports.save": "Save",
  "partyReports.saved": "Version {version} saved",
  "partyReports.print": "Print view",
  "partyReports.docx": "Download DOCX",
  "partyReports.versions": "Versions",
  "partyReports.approve": "Approve and issue",
  "partyReports.form.title": "Title",
  "partyReports.form.body": "Text",
  "partyReports.form.body.hint":
    "One paragraph per line. Click a figure beside it to insert its {{key}} at the cursor.",
  "partyReports.form.signerTitle": "Signer's title",
  "partyReports.form.signerName": "Signer's name",
  "partyReports.form.readOnly": "The report is issued: its text can no longer be edited.",
  "partyReports.figures": "Figures",
  "partyReports.figures.hint": "Click to insert into the text",
  "partyReports.figure.insert": "Insert {label}",
  "partyReports.preview": "Preview (today's figures)",
  "partyReports.preview.approved": "The text as issued",
  "partyReports.stale":
    "Someone has saved a newer version of this report. Reload the page to see the latest version, then edit again.",
  "partyReports.alreadyApproved":
    "The report is already issued: it can be neither edited nor approved again.",
  "partyReports.approval.title": "Approve and issue: {title}",
  "partyReports.approval.date": "Date of issue",
  "partyReports.approval.confirm":
    "Once issued, the report's text (figures included) can no longer be edited; the register gives it the next number ({symbol}).",
  "partyReports.approval.version": "Issue version {version}",
  "partyReports.approval.cancel": "Cancel",
  "partyReports.approved": "Report no. {number} issued",
  "partyReports.versions.title": "Versions: {title}",
  "partyReports.versions.empty": "No version yet",
  "partyReports.versions.version": "Version",
  "partyReports.versions.titleColumn": "Title",
  "partyReports.versions.savedBy": "Saved by",
  "partyReports.versions.savedAt": "Saved at",
};

const partyReportsMessages = { vi, en };

export type PartyReportsTranslate = (
  key: PartyReportsMessageKey,
  values?: TranslationValues,
) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function usePartyReportsT(): PartyReportsTranslate {
  return useFeatureT(partyReportsMessages);
}
