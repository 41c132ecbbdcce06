import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { paths } from "@/api/schema";

export type HealthReady =
  paths["/health/ready"]["get"]["responses"][200]["content"]["application/json"];

export const healthReadyRefetchMs = 10_000;

export function getHealthReady(): Promise<HealthReady> {
  return unwrap(client.GET("/health/ready"));
}

export function useHealthReady() {
  return useQuery({
    queryKey: ["health", "ready"],
    queryFn: getHealthReady,
    refetchInterval: healthReadyRefetchMs,
    // The interval already retries; an immediate retry would only delay showing the failure.
    retry: false,
  });
}
