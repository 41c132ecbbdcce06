import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";

export type Cycle = components["schemas"]["Cycle"];

/**
 * The cycles the caller works in, the newest `WHOLE_LIST_PER_PAGE` (newest year first); the
 * cycles pages' pickers share this cache. `total` tells whether there are more.
 */
export function useCycleList() {
  const query = { per_page: WHOLE_LIST_PER_PAGE };
  return useQuery({
    queryKey: ["cycles", "list", query],
    queryFn: () => unwrap(client.GET("/api/v1/cycles", { params: { query } })),
  });
}
