import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { organizationsQueryKey, type Organization } from "@/lib/org-tree";

export type CreateOrganizationInput = components["schemas"]["CreateOrganization"];

export function createOrganization(body: CreateOrganizationInput): Promise<Organization> {
  return unwrap(client.POST("/api/v1/organizations", { body }));
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrganization,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsQueryKey }),
  });
}
