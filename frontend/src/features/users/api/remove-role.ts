import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { usersQueryKey } from "@/features/users/api/get-users";
import { meQueryKey } from "@/lib/auth/use-session";

export function removeRole(userId: number, assignmentId: number): Promise<void> {
  return unwrap(
    client.DELETE("/api/v1/users/{id}/roles/{assignment_id}", {
      params: { path: { id: userId, assignment_id: assignmentId } },
    }),
  );
}

export function useRemoveRole(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignmentId: number) => removeRole(userId, assignmentId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        // The user may be the one signed in, whose menu follows their roles.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
