import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components, operations } from "@/api/schema";

export type Member = components["schemas"]["Member"];
export type MemberPage = components["schemas"]["MemberPage"];
/** The list's query: filters, search and page, as the API names them. */
export type MembersQuery = NonNullable<operations["members_list"]["parameters"]["query"]>;
/** What the list shows, without the page: the export takes the same. */
export type MembersFilters = Omit<MembersQuery, "page" | "per_page">;

/** Every member query starts with this key: invalidating it refreshes them all. */
export const membersQueryKey = ["members"] as const;

export function getMembers(query: MembersQuery): Promise<MemberPage> {
  return unwrap(client.GET("/api/v1/members", { params: { query } }));
}

/** A page of members, already in Vietnamese order by the server (never sorted here). */
export function useMembers(query: MembersQuery, enabled = true) {
  return useQuery({
    queryKey: [...membersQueryKey, "list", query],
    queryFn: () => getMembers(query),
    // Paging, searching and filtering keep the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
    enabled,
  });
}
