import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];

export type VoteCounts = Required<Schemas["PreviewVotes"]>;
/** A member as the page holds one: every field the engine reads, none left to its default. */
export type PreviewMember = Required<Omit<Schemas["PreviewMember"], "votes">> & {
  votes: VoteCounts;
};
export type PreviewRequest = Schemas["PreviewRequest"];
export type Preview = Schemas["PreviewResponse"];
export type PreviewResult = Schemas["PreviewResult"];
export type PreviewWarning = Schemas["PreviewWarning"];

/** A person or a collective under a points rule set (RULES-2025.md), every field given. */
export type PointsMember = Required<Schemas["PointsPreviewMember"]>;
export type PointsPreviewRequest = Schemas["PointsPreviewRequest"];
export type PointsPreview = Schemas["PointsPreviewResponse"];
export type PointsPreviewResult = Schemas["PointsPreviewResult"];
export type QuotaGroup = Schemas["QuotaGroupInfo"];

/**
 * Classifies a made-up branch with the engine the cycles use (M3–M11, Q1–Q4), writing nothing.
 * The last answer stays on screen while the next one is asked for; nothing is asked while
 * `request` is null.
 */
export function useClassificationPreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: ["classification", "preview", request],
    queryFn:
      request === null
        ? skipToken
        : async () =>
            // The ballot body (no `frame` on its members) is answered in the ballot shape.
            (await unwrap(
              client.POST("/api/v1/classification/preview", { body: request }),
            )) as Preview,
    placeholderData: keepPreviousData,
  });
}

/**
 * The same under a points rule set (S1–S10, C1–C4): members on a frame, scored on 100 points.
 * Nothing is asked while `request` is null.
 */
export function usePointsPreview(request: PointsPreviewRequest | null) {
  return useQuery({
    queryKey: ["classification", "preview", "points", request],
    queryFn:
      request === null
        ? skipToken
        : async () =>
            // Members with a `frame` are answered in the points shape.
            (await unwrap(
              client.POST("/api/v1/classification/preview", { body: request }),
            )) as PointsPreview,
    placeholderData: keepPreviousData,
  });
}
