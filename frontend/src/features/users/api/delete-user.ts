import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { usersQueryKey } from "@/features/users/api/get-users";

export function deleteUser(id: number): Promise<void> {
  return unwrap(client.DELETE("/api/v1/users/{id}", { params: { path: { id } } }));
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
