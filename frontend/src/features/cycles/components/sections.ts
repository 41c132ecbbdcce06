import type { SelfReviewContent } from "@/features/cycles/api/self-reviews";

/** The seven written sections of a self-review, in the form's order. */
export const sections = [
  "political_ideology",
  "ethics_lifestyle",
  "duties",
  "organisation_discipline",
  "shortcomings",
  "remedies",
  "suggestion_answers",
] as const satisfies readonly (keyof SelfReviewContent)[];

/** The levels a member may assess themself at. */
export const selfLevels = ["excellent", "good", "completed", "not_completed"] as const;
