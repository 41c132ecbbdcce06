import {
  itemsSum,
  toPoints,
  toTenths,
  type PointsInfo,
} from "@/lib/classification/points";

// The points section of a copy as the form holds it: in points (the API keeps tenths), the
// frames and their groups as the copied rule set has them, the items editable.

export type ItemValues = { code: string; label: string; max: number | null };
export type GroupValues = { code: string; label: string; items: ItemValues[] };
export type FrameValues = { frame: string; groups: GroupValues[] };
export type ScoringValues = {
  frames: FrameValues[];
  band_excellent: number | null;
  band_good: number | null;
  band_completed: number | null;
  quota_percent: number | null;
  quota_outstanding_percent: number | null;
};

/** What the form starts from: the copied rule set's points section, in points. */
export function scoringValuesOf(points: PointsInfo): ScoringValues {
  return {
    frames: points.frames.map((frame) => ({
      frame: frame.frame,
      groups: frame.groups.map((group) => ({
        code: group.code,
        label: group.label,
        items: group.items.map((item) => ({ ...item, max: toPoints(item.max) })),
      })),
    })),
    band_excellent: toPoints(points.band_excellent),
    band_good: toPoints(points.band_good),
    band_completed: toPoints(points.band_completed),
    quota_percent: points.quota_percent,
    quota_outstanding_percent: points.quota_outstanding_percent,
  };
}

/** An item's maximum in tenths (nothing typed yet counts as 0). */
function itemTenths(item: ItemValues | undefined): number {
  return toTenths(item?.max ?? 0);
}

/** What the items of a group add up to, in tenths. */
export function groupValuesSum(group: GroupValues | undefined): number {
  return (group?.items ?? []).reduce((sum, item) => sum + itemTenths(item), 0);
}

/**
 * The whole points section sent for the copy: the form's items, bands and quota, in tenths;
 * the rest (who, forms, groups' maxima, task conditions, facts, quota's basis and scope,
 * quarter rule) as the copied rule set has it.
 */
export function pointsOf(values: ScoringValues, base: PointsInfo): PointsInfo {
  return {
    ...base,
    frames: base.frames.map((frame, f) => ({
      ...frame,
      groups: frame.groups.map((group, g) => ({
        ...group,
        items: (values.frames[f]?.groups[g]?.items ?? []).map((item) => ({
          code: item.code,
          label: item.label.trim(),
          max: itemTenths(item),
        })),
      })),
    })),
    band_excellent: toTenths(values.band_excellent ?? 0),
    band_good: toTenths(values.band_good ?? 0),
    band_completed: toTenths(values.band_completed ?? 0),
    quota_percent: values.quota_percent ?? 0,
    quota_outstanding_percent: values.quota_outstanding_percent ?? 0,
  };
}

/** A group whose items do not add up to its maximum (S2), named "F4 · Kết quả …". */
export type Unbalanced = { frame: string; group: string; sum: number; max: number };

/** The groups of `frames` (as typed) whose items do not add up to the base's maxima. */
export function unbalancedGroups(
  frames: FrameValues[] | undefined,
  base: PointsInfo,
): Unbalanced[] {
  if (frames === undefined) return [];
  return base.frames.flatMap((frame, f) =>
    frame.groups.flatMap((group, g) => {
      const typed = frames[f]?.groups[g];
      const sum = typed ? groupValuesSum(typed) : itemsSum(group.items);
      return sum === group.max ? [] : [{ frame: frame.frame, group: group.label, sum, max: group.max }];
    }),
  );
}

/** A code for a new item, unused in its group ("item_4"). */
export function newItemCode(items: readonly { code: string }[]): string {
  const taken = new Set(items.map((item) => item.code));
  let n = items.length + 1;
  while (taken.has(`item_${n}`)) n += 1;
  return `item_${n}`;
}
