import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import {
  serviceAccountsQueryKey,
  type ServiceAccount,
} from "@/features/service-accounts/api/get-service-accounts";

export type CreateServiceAccountInput = components["schemas"]["CreateServiceAccount"];

/** The answer holds the client secret: the only time it is ever shown. */
export function createServiceAccount(body: CreateServiceAccountInput): Promise<ServiceAccount> {
  return unwrap(client.POST("/api/v1/service-accounts", { body }));
}

export function useCreateServiceAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createServiceAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceAccountsQueryKey }),
  });
}
