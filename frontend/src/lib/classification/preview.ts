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
        : () => unwrap(client.POST("/api/v1/classification/preview", { body: request })),
    placeholderData: keepPreviousData,
  });
}
