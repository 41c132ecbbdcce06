import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { session, type TokenResponse } from "@/lib/auth/session";
import { meQueryKey } from "@/lib/auth/use-session";

export type LoginInput = components["schemas"]["LoginRequest"];

export function login(body: LoginInput): Promise<TokenResponse> {
  return unwrap(client.POST("/api/v1/auth/login", { body }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (tokens) => {
      // The answer already says who logged in: no need to ask /auth/me again.
      if (tokens.user) queryClient.setQueryData(meQueryKey, tokens.user);
      session.start(tokens);
    },
  });
}
