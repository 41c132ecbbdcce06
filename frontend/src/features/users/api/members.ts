import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type LinkableMember = components["schemas"]["Member"];

// Under the members' own key, so that a change to a member refreshes what is shown here.
const membersKey = ["members"] as const;

/** Members found by name or card number, case and diacritics ignored by the server. */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: [...membersKey, "for-user", "search", q],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/members", {
          params: { query: { q: q === "" ? undefined : q, per_page: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The member record a user is linked to, for its name. */
export function useLinkedMember(id: number | null | undefined) {
  return useQuery({
    queryKey: [...membersKey, "for-user", "one", id],
    queryFn: () =>
      unwrap(client.GET("/api/v1/members/{id}", { params: { path: { id: id as number } } })),
    enabled: id != null,
  });
}
