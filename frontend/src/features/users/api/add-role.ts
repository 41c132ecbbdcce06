import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { usersQueryKey, type User } from "@/features/users/api/get-users";
import { meQueryKey } from "@/lib/auth/use-session";

export type NewRole = components["schemas"]["NewRole"];

export function addRole(userId: number, body: NewRole): Promise<User> {
  return unwrap(
    client.POST("/api/v1/users/{id}/roles", { params: { path: { id: userId } }, body }),
  );
}

export function useAddRole(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRole) => addRole(userId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        // The user may be the one signed in, whose menu follows their roles.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
