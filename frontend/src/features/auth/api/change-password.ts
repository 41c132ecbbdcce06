import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { TokenResponse } from "@/lib/auth/session";
import { meQueryKey, openSession } from "@/lib/auth/use-session";

export type ChangePasswordInput = components["schemas"]["ChangePassword"];

export function changePassword(body: ChangePasswordInput): Promise<TokenResponse> {
  return unwrap(client.POST("/api/v1/auth/password", { body }));
}

/**
 * Changes one's own password. The server ends every session of the user and answers a new one:
 * it replaces this page's session, and the answers refused meanwhile are asked for again.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (tokens) => {
      openSession(queryClient, tokens);
      void queryClient.invalidateQueries({
        predicate: (query) => !tokens.user || query.queryKey[0] !== meQueryKey[0],
      });
    },
  });
}
