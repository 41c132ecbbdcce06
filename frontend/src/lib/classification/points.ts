import type { components } from "@/api/schema";
import type { Locale } from "@/lib/i18n/messages";

type Schemas = components["schemas"];

// RULES-2025.md: the points method's data, as the API sends it (every points value in tenths).
export type PointsInfo = Schemas["PointsInfo"];
export type FrameInfo = Schemas["FrameInfo"];
export type GroupInfo = Schemas["GroupInfo"];
export type ItemInfo = Schemas["ItemInfo"];
export type FactInfo = Schemas["FactInfo"];

/** S1, C1: the frames, the collectives' first. */
export const frameCodes = ["F1", "F2", "F3", "F4", "F5"] as const;
/** S6, C2: what a fact does to the level. */
export const factEffects = ["not_completed", "blocks_excellent"] as const;
/** S7: what the share is taken of, and where it is counted. */
export const pointsQuotaBases = ["good", "good_or_better"] as const;
export const quotaScopes = ["quota_group", "branch"] as const;
/** S9: how the quarters weigh on the year. */
export const quarterRules = ["evidence_only", "any_quarter_not_completed_blocks_excellent"] as const;

/** A rule set's method ("ballot" for vinh-2016, "points" for tw-366-2025), ballot by default. */
export function methodOf(ruleSet: { method?: string } | undefined): "ballot" | "points" {
  return ruleSet?.method === "points" ? "points" : "ballot";
}

const formats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
};

/** Tenths of a point as points, a decimal only where needed: 300 → "30", 935 → "93,5" (vi). */
export function pointsText(tenths: number, locale: Locale): string {
  return formats[locale].format(tenths / 10);
}

/** The separator an InputNumber of points writes and reads, as the locale writes decimals. */
export function decimalSeparator(locale: Locale): string {
  return locale === "vi" ? "," : ".";
}

/** Points typed (one decimal at most counts) as the tenths the API keeps. */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

export function toPoints(tenths: number): number {
  return tenths / 10;
}

/** S2: what a group's items add up to (tenths in, tenths out). */
export function itemsSum(items: readonly { max: number }[]): number {
  return items.reduce((sum, item) => sum + item.max, 0);
}

/** The facts of a rule set that apply to `frame` (S6 for persons, C2 for collectives). */
export function factsFor(points: PointsInfo | null | undefined, frame: string): FactInfo[] {
  return (points?.facts ?? []).filter((fact) => fact.frames.includes(frame));
}
