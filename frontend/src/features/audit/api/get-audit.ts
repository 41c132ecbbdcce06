import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components, operations } from "@/api/schema";

export type AuditEntry = components["schemas"]["AuditEntry"];
export type AuditPage = components["schemas"]["AuditPage"];
export type AuditQuery = NonNullable<operations["audit_list"]["parameters"]["query"]>;

export function getAudit(query: AuditQuery): Promise<AuditPage> {
  return unwrap(client.GET("/api/v1/audit", { params: { query } }));
}

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ["audit", query],
    queryFn: () => getAudit(query),
    placeholderData: keepPreviousData,
  });
}
