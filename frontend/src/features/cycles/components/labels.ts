import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/use-t";

export const stages = ["self_review", "feedback", "voting", "appraisal", "closed"] as const;
export const reviewStatuses = [
  "not_started",
  "draft",
  "submitted",
  "returned",
  "accepted",
] as const;
export const ratingLevels = [
  "excellent",
  "good",
  "completed",
  "completed_limited",
  "not_completed",
] as const;
export const honours = [
  "emulation_title",
  "ministry_province_commendation",
  "certificate_of_merit",
  "academic_excellent",
] as const;

function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}

// A value added to the API after this build was made shows under its identifier.

export function stageText(t: Translate, stage: string): string {
  return isOneOf(stages, stage) ? t(`stage.${stage}` as MessageKey) : stage;
}

/** The stage after `stage`, or null at the end. */
export function nextStage(stage: string): string | null {
  const index = (stages as readonly string[]).indexOf(stage);
  return index >= 0 && index < stages.length - 1 ? stages[index + 1] : null;
}

export function reviewStatusText(t: Translate, status: string): string {
  return isOneOf(reviewStatuses, status) ? t(`review.status.${status}` as MessageKey) : status;
}

export function reviewStatusColor(status: string): string | undefined {
  switch (status) {
    case "draft":
      return "default";
    case "submitted":
      return "processing";
    case "returned":
      return "warning";
    case "accepted":
      return "success";
    default:
      return undefined;
  }
}

export function ratingLevelText(t: Translate, level: string): string {
  return isOneOf(ratingLevels, level) ? t(`rating.level.${level}` as MessageKey) : level;
}

// GLOSSARY "Lấy ý kiến": where feedback on a member comes from, and how a residence form goes.
export const feedbackSources = ["workplace", "residence", "key_cadre_meeting"] as const;
export const deliveries = ["hand", "post"] as const;
export const suggestionStatuses = ["open", "answered"] as const;

export function feedbackSourceText(t: Translate, source: string): string {
  return isOneOf(feedbackSources, source) ? t(`feedback.source.${source}` as MessageKey) : source;
}

export function deliveryText(t: Translate, delivery: string): string {
  return isOneOf(deliveries, delivery)
    ? t(`feedback.delivery.${delivery}` as MessageKey)
    : delivery;
}

export function suggestionStatusText(t: Translate, status: string): string {
  return isOneOf(suggestionStatuses, status)
    ? t(`suggestions.status.${status}` as MessageKey)
    : status;
}

/** The Party levels one may propose for a member (no "completed with limitations"). */
export function proposedLevelOptions(t: Translate) {
  return ratingLevels
    .filter((level) => level !== "completed_limited")
    .map((level) => ({ value: level, label: ratingLevelText(t, level) }));
}
