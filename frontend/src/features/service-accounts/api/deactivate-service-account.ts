import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { serviceAccountsQueryKey } from "@/features/service-accounts/api/get-service-accounts";

/** DELETE deactivates: the account stays listed, and its tokens stop working at once. */
export function deactivateServiceAccount(id: number): Promise<void> {
  return unwrap(client.DELETE("/api/v1/service-accounts/{id}", { params: { path: { id } } }));
}

export function useDeactivateServiceAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateServiceAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceAccountsQueryKey }),
  });
}
