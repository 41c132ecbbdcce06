/**
 * Text as a search compares it: lower case, without diacritics ("Nguyễn Thị Lan" → "nguyen thi
 * lan"); đ is a letter of its own in Unicode, not a d with a mark, so it is mapped apart.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** Whether `text` contains what was typed, case and diacritics ignored. */
export function matchesSearch(typed: string, text: string): boolean {
  return foldText(text).includes(foldText(typed.trim()));
}
