import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { TokenResponse } from "@/lib/auth/session";
import { openSession } from "@/lib/auth/use-session";

export type LoginInput = components["schemas"]["LoginRequest"];

export function login(body: LoginInput): Promise<TokenResponse> {
  return unwrap(client.POST("/api/v1/auth/login", { body }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (tokens) => openSession(queryClient, tokens),
  });
}
