import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { usersQueryKey, type User } from "@/features/users/api/get-users";

export function getUser(id: number): Promise<User> {
  return unwrap(client.GET("/api/v1/users/{id}", { params: { path: { id } } }));
}

export function useUser(id: number) {
  return useQuery({ queryKey: [...usersQueryKey, "one", id], queryFn: () => getUser(id) });
}
