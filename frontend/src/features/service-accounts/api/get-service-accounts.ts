import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type ServiceAccount = components["schemas"]["ServiceAccount"];

export const serviceAccountsQueryKey = ["service-accounts"] as const;

export function getServiceAccounts(): Promise<ServiceAccount[]> {
  return unwrap(client.GET("/api/v1/service-accounts"));
}

export function useServiceAccounts() {
  return useQuery({ queryKey: serviceAccountsQueryKey, queryFn: getServiceAccounts });
}
