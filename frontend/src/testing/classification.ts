import type { Preview, PreviewResult } from "@/lib/classification/preview";

export function result(changes: Partial<PreviewResult> & { id: string }): PreviewResult {
  return {
    status: "classified",
    level: "good",
    cap: null,
    reasons: ["M6"],
    explanation: "",
    ...changes,
  };
}

/** The engine's answer for the three example rows, the first two both reaching excellent. */
export function preview(changes: Partial<Preview> = {}): Preview {
  return {
    rule_set: "vinh-2016",
    denominator: 2,
    voters_present: 2,
    registered: 3,
    quota: { limit: 1, basis: "Q2", counted: 2, excellent_before_quota: 2, excellent: 1 },
    results: [
      result({ id: "1", level: "excellent", reasons: ["M6"] }),
      result({ id: "2", level: "good", cap: "good", reasons: ["M8", "Q4"] }),
      result({ id: "3", status: "not_classified", level: null, reasons: ["M4"] }),
    ],
    warnings: [],
    ...changes,
  };
}
