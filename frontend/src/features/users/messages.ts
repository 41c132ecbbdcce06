import { useFeatureT, type TranslationValues } from "@/lib/i18n/use-t";

// This feature's own words (the older ones live in the app's dictionary). Vietnamese is the
// source: its keys define UsersMessageKey.
const vi = {
  "users.email": "Thư điện tử",
  "users.email.hint":
    "Nhận danh sách việc cần làm hằng ngày qua thư điện tử; để trống thì dùng địa chỉ trong hồ sơ đảng viên.",
  "users.email.none": "Chưa có",
  "users.email.invalid": "Địa chỉ thư điện tử không hợp lệ",
  "users.email.edit": "Sửa thư điện tử",
};

export type UsersMessageKey = keyof typeof vi;

const en: Record<UsersMessageKey, string> = {
  "users.email": "E-mail",
  "users.email.hint":
    "Receives the daily to-do list by e-mail; leave it empty to use the address in the party member record.",
  "users.email.none": "None",
  "users.email.invalid": "Not a valid e-mail address",
  "users.email.edit": "Edit the e-mail address",
};

const usersMessages = { vi, en };

export type UsersTranslate = (key: UsersMessageKey, values?: TranslationValues) => string;

/** `useT` for this feature's own words, in the locale the user chose. */
export function useUsersT(): UsersTranslate {
  return useFeatureT(usersMessages);
}

/** The longest e-mail address the API takes. */
export const emailMaxLength = 200;

/** A simple shape check (the server has the last word): something@domain.tld, no spaces. */
export function looksLikeEmail(value: string): boolean {
  return value.length <= emailMaxLength && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
