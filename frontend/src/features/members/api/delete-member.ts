import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { memberQueryKey } from "@/features/members/api/get-member";
import { membersQueryKey } from "@/features/members/api/get-members";

export function deleteMember(id: number): Promise<void> {
  return unwrap(client.DELETE("/api/v1/members/{id}", { params: { path: { id } } }));
}

export function useDeleteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMember,
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: memberQueryKey(id) });
      await queryClient.invalidateQueries({ queryKey: [...membersQueryKey, "list"] });
    },
  });
}
