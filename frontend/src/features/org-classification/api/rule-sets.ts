import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type RuleSet = components["schemas"]["RuleSetInfo"];
export type NewRuleSet = components["schemas"]["NewRuleSet"];
export type Threshold = components["schemas"]["ThresholdInfo"];
export type OrgSheetInfo = components["schemas"]["OrgSheetInfo"];

// The what-if page reads the same list under this key: a new rule set shows there too.
const ruleSetsQueryKey = ["classification", "rule-sets"] as const;

/** The rule sets the server knows (vinh-2016, …), with their parameters. */
export function useRuleSets() {
  return useQuery({
    queryKey: ruleSetsQueryKey,
    queryFn: () => unwrap(client.GET("/api/v1/rule-sets")),
    staleTime: Infinity,
  });
}

/** An administrator copies a rule set and changes some of its parameters. */
export function useCreateRuleSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRuleSet) => unwrap(client.POST("/api/v1/rule-sets", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ruleSetsQueryKey }),
  });
}
