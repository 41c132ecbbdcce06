import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Cycle = components["schemas"]["Cycle"];

/** The cycles the caller works in, newest year first (the cycles pages share this cache). */
export function useCycleList() {
  return useQuery({
    queryKey: ["cycles", "list"],
    queryFn: () => unwrap(client.GET("/api/v1/cycles")),
  });
}
