import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { meQueryKey } from "@/lib/auth/use-session";
import { organizationsQueryKey, type Organization } from "@/lib/org-tree";

export type UpdateOrganizationInput = components["schemas"]["UpdateOrganization"];

export function updateOrganization(
  id: number,
  body: UpdateOrganizationInput,
): Promise<Organization> {
  return unwrap(client.PATCH("/api/v1/organizations/{id}", { params: { path: { id } }, body }));
}

/** Renames or moves an organisation. */
export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateOrganizationInput }) =>
      updateOrganization(id, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationsQueryKey }),
        // Role tags show organisation names: the header's and the users page's.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: ["users"] }),
      ]),
  });
}
