import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { usersQueryKey, type User } from "@/features/users/api/get-users";

export type CreateUserInput = components["schemas"]["CreateUser"];

export function createUser(body: CreateUserInput): Promise<User> {
  return unwrap(client.POST("/api/v1/users", { body }));
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
