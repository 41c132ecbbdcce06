import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import { attachmentName, saveBlob } from "@/lib/download";

export type YearReports = components["schemas"]["YearReports"];
export type PartyReport = components["schemas"]["PartyReport"];
export type ReportInput = components["schemas"]["ReportInput"];
export type ReportVersion = components["schemas"]["ReportVersion"];
export type ApprovalInput = components["schemas"]["ApprovalInput"];
export type Figure = components["schemas"]["Figure"];

/** The kinds of report kept each year: the committee's D1 and D4, and the inspection
 * commission's consolidated report on the review suggestions (P3). */
export const reportKinds = ["collective_review", "party_building_summary", "inspection_summary"] as const;
export type ReportKind = (typeof reportKinds)[number];

/** Every query of this feature starts with this key: a save or an approval refreshes all. */
const partyReportsKey = ["party-reports"] as const;

/** An organisation's reports of a year. */
export type YearKey = { org: number; year: number };

/** One report: the organisation, the year and the kind. */
export type ReportKey = YearKey & { kind: ReportKind };

function path({ org, year, kind }: ReportKey) {
  return { params: { path: { id: org, year, kind } } };
}

/** The reports written so far of the year, and the figures a report may insert. */
export function useYearReports({ org, year }: YearKey) {
  return useQuery({
    queryKey: [...partyReportsKey, "year", org, year],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/organizations/{id}/reports/{year}", {
          params: { path: { id: org, year } },
        }),
      ),
  });
}

/** Every saved version of a report, newest first. */
export function useReportVersions(key: ReportKey) {
  return useQuery({
    queryKey: [...partyReportsKey, "versions", key.org, key.year, key.kind],
    queryFn: () =>
      unwrap(client.GET("/api/v1/organizations/{id}/reports/{year}/{kind}/versions", path(key))),
  });
}

function usePartyReportsMutation<T>(run: (body: T) => Promise<PartyReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partyReportsKey }),
  });
}

/** Saves a draft as the next version (version 0: the first one). */
export function useSaveReport() {
  return usePartyReportsMutation(({ org, year, kind, ...body }: ReportKey & ReportInput) =>
    unwrap(
      client.PUT("/api/v1/organizations/{id}/reports/{year}/{kind}", {
        ...path({ org, year, kind }),
        body,
      }),
    ),
  );
}

/** Approves the draft: the register numbers it, and it is dated on the day given. */
export function useApproveReport() {
  return usePartyReportsMutation(({ org, year, kind, ...body }: ReportKey & ApprovalInput) =>
    unwrap(
      client.POST("/api/v1/organizations/{id}/reports/{year}/{kind}/approval", {
        ...path({ org, year, kind }),
        body,
      }),
    ),
  );
}

/** The report as a party document (PDF: the print view; DOCX: to edit), fetched with the token. */
export async function downloadReport(key: ReportKey, format: "pdf" | "docx"): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/organizations/{id}/reports/{year}/{kind}/document", {
      params: { path: { id: key.org, year: key.year, kind: key.kind }, query: { format } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `bao-cao-${key.kind}-${key.year}.${format}`));
}
