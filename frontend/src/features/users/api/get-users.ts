import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type User = components["schemas"]["User"];
export type UserList = components["schemas"]["UserList"];
export type UsersQuery = { q: string; page: number; perPage: number };

/** Every users query starts with this key: invalidating it refreshes them all. */
export const usersQueryKey = ["users"] as const;

export function getUsers({ q, page, perPage }: UsersQuery): Promise<UserList> {
  return unwrap(
    client.GET("/api/v1/users", {
      params: { query: { q: q === "" ? undefined : q, page, per_page: perPage } },
    }),
  );
}

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: [...usersQueryKey, "list", query],
    queryFn: () => getUsers(query),
    // Paging and searching keep the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}
