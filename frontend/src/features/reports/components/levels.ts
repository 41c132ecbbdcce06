import type { MemberCounts } from "@/features/reports/api/statistics";
import type { Locale } from "@/lib/i18n/messages";

/** The member levels of M1, in the order the reports show them. */
export const memberLevels = ["excellent", "good", "completed", "not_completed"] as const;

export type MemberLevel = (typeof memberLevels)[number];

/** One colour per level, the same in every chart of the reports. */
export const levelColors: Record<MemberLevel, string> = {
  excellent: "#389e0d",
  good: "#1677ff",
  completed: "#faad14",
  not_completed: "#cf1322",
};

/** The members given one of the four levels: the base of the per-mille shares. */
export function classifiedCount(counts: MemberCounts): number {
  return memberLevels.reduce((sum, level) => sum + counts[level], 0);
}

const formats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** A per-mille of the API as a percentage with one decimal: 153 → "15,3%" (vi), "15.3%" (en). */
export function permilleText(permille: number, locale: Locale): string {
  return `${formats[locale].format(permille / 10)}%`;
}
