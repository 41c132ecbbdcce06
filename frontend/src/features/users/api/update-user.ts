import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { usersQueryKey, type User } from "@/features/users/api/get-users";

export type UpdateUserInput = components["schemas"]["UpdateUser"];

export function updateUser(id: number, body: UpdateUserInput): Promise<User> {
  return unwrap(client.PATCH("/api/v1/users/{id}", { params: { path: { id } }, body }));
}

/** Changes the display name, e-mail, active flag, member link or password. */
export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserInput) => updateUser(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
