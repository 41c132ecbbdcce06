import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { session, type TokenResponse } from "@/lib/auth/session";

export type Me = components["schemas"]["Me"];

export const meQueryKey = ["auth", "me"] as const;

export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.getSignedIn);
}

export function getMe(): Promise<Me> {
  return unwrap(client.GET("/api/v1/auth/me"));
}

/**
 * The signed-in user, their roles and what they reach. With only a stored refresh token (a
 * reload), the request first renews the access token through the client's middleware.
 */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: getMe,
    enabled: signedIn,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Opens the session of a login's (or a password change's) answer. The answer already says who
 * signed in: no need to ask /auth/me again.
 */
export function openSession(queryClient: QueryClient, tokens: TokenResponse): void {
  if (tokens.user) queryClient.setQueryData(meQueryKey, tokens.user);
  session.start(tokens);
}

/** Drops every cached answer when the session ends, so the next user sees none of them. */
export function useClearCacheOnSessionEnd() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      session.subscribe(() => {
        if (!session.signedIn) queryClient.clear();
      }),
    [queryClient],
  );
}

/** The signed-in user, on a page below the login guard (which waits for it). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (data === undefined) {
    throw new Error("useCurrentUser is only for pages behind the login guard");
  }
  return data;
}
