import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Organization = components["schemas"]["Organization"];
export type OrgNode = components["schemas"]["OrganizationNode"];

/** Every organisation query starts with this key: invalidating it refreshes them all. */
export const organizationsQueryKey = ["organizations"] as const;

export async function getOrgTree(): Promise<OrgNode[]> {
  const list = await unwrap(
    client.GET("/api/v1/organizations", { params: { query: { format: "tree" } } }),
  );
  return list.tree ?? [];
}

/**
 * The organisations the user can see, as trees (roots are those whose parent is out of sight);
 * not loaded while `enabled` is false.
 */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: [...organizationsQueryKey, "tree"],
    queryFn: getOrgTree,
    enabled,
    // Several pickers on one page share it; changes made here invalidate it.
    staleTime: 60_000,
  });
}

/** Every node of `trees`, parents before their children. */
export function flattenTree(trees: OrgNode[]): OrgNode[] {
  return trees.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** The first organisation of the user's trees that `offered` accepts: a page's default choice. */
export function useFirstOrg(offered: (org: Organization) => boolean): number | undefined {
  const tree = useOrgTree();
  return useMemo(() => flattenTree(tree.data ?? []).find(offered)?.id, [tree.data, offered]);
}
