import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's own words (past years' results, W4/W5). Vietnamese is the source: its keys
// define OrganizationsMessageKey. The rest of the page uses the app's catalogue (`useT`).
const vi = {
  "orgHistory.open": "Kết quả các năm trước",
  "orgHistory.title": "Kết quả các năm trước: {name}",
  "orgHistory.intro":
    "Kết quả xếp loại các năm trước khi có hệ thống, nhập từ quyết định đã lưu trữ, để xét khen thưởng 5 năm liền (W4/W5). Năm đã được đánh giá trong hệ thống thì lấy kết quả đó.",
  "orgHistory.empty": "Chưa nhập năm nào",
  "orgHistory.year": "Năm",
  "orgHistory.level": "Mức xếp loại",
  "orgHistory.exemplary": "Tiêu biểu",
  "orgHistory.exemplary.hint": "Chỉ tổ chức trong sạch vững mạnh mới được công nhận tiêu biểu.",
  "orgHistory.source": "Căn cứ",
  "orgHistory.source.hint": "Số và ngày quyết định, ví dụ “QĐ 12-QĐ/ĐU ngày 20/12/2015”.",
  "orgHistory.recordedBy": "Người nhập",
  "orgHistory.recordedAt": "Ngày nhập",
  "orgHistory.form": "Nhập hoặc thay kết quả một năm",
  "orgHistory.form.hint": "Nhập lại một năm đã có sẽ thay kết quả cũ.",
  "orgHistory.saved": "Đã lưu kết quả năm {year}",
  "orgHistory.level.clean_strong": "Trong sạch vững mạnh",
  "orgHistory.level.good": "Hoàn thành tốt nhiệm vụ",
  "orgHistory.level.completed": "Hoàn thành nhiệm vụ",
  "orgHistory.level.weak": "Yếu kém",
};

export type OrganizationsMessageKey = keyof typeof vi;

const en: Record<OrganizationsMessageKey, string> = {
  "orgHistory.open": "Past years' results",
  "orgHistory.title": "Past years' results: {name}",
  "orgHistory.intro":
    "Results of the years before the system, entered from the archived decisions, so that five-year streaks can be rewarded (W4/W5). A year the system assessed keeps that result.",
  "orgHistory.empty": "No year entered yet",
  "orgHistory.year": "Year",
  "orgHistory.level": "Rating",
  "orgHistory.exemplary": "Exemplary",
  "orgHistory.exemplary.hint": "Only a clean and strong organisation can be named exemplary.",
  "orgHistory.source": "Basis",
  "orgHistory.source.hint": "The decision's number and date, e.g. “QĐ 12-QĐ/ĐU ngày 20/12/2015”.",
  "orgHistory.recordedBy": "Entered by",
  "orgHistory.recordedAt": "Entered on",
  "orgHistory.form": "Enter or replace a year's result",
  "orgHistory.form.hint": "Entering a year again replaces its result.",
  "orgHistory.saved": "Result of {year} saved",
  "orgHistory.level.clean_strong": "Clean and strong",
  "orgHistory.level.good": "Duties completed well",
  "orgHistory.level.completed": "Duties completed",
  "orgHistory.level.weak": "Weak",
};

const organizationsMessages = { vi, en };

export type OrganizationsTranslate = (
  key: OrganizationsMessageKey,
  values?: TranslationValues,
) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useOrganizationsT(): OrganizationsTranslate {
  return useFeatureT(organizationsMessages);
}
