import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";

/** The rule sets the server knows (vinh-2016, …), with their parameters. */
export function useRuleSets() {
  return useQuery({
    queryKey: ["classification", "rule-sets"],
    queryFn: () => unwrap(client.GET("/api/v1/rule-sets")),
    staleTime: Infinity,
  });
}
