import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { organizationsQueryKey } from "@/lib/org-tree";

export function deleteOrganization(id: number): Promise<void> {
  return unwrap(client.DELETE("/api/v1/organizations/{id}", { params: { path: { id } } }));
}

export function useDeleteOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOrganization,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsQueryKey }),
  });
}
