import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import { attachmentName, saveBlob } from "@/lib/download";

export type DossierStatus = components["schemas"]["DossierStatus"];
export type DossierDetail = components["schemas"]["DossierDetail"];
export type Manifest = components["schemas"]["Manifest"];
export type ManifestDocument = components["schemas"]["ManifestDocument"];
export type ManifestAttachment = components["schemas"]["ManifestAttachment"];
export type MissingItem = components["schemas"]["MissingItem"];
export type SubmissionRecord = components["schemas"]["SubmissionRecord"];
export type DossierDecision = components["schemas"]["DossierDecision"];

/** Every query of this feature starts with this key: a submission or decision refreshes all. */
const dossiersKey = ["dossiers"] as const;

/** The organisation (a base, or a district or province for its bases) and the year. */
export type Scope = { organizationId: number; year: number };

/** One base's dossier of one year. */
export type DossierKey = { org: number; year: number };

function path({ org, year }: DossierKey) {
  return { params: { path: { org, year } } };
}

/** The dossiers of the bases under the organisation: status, deadline, late and overdue. */
export function useDossiers({ organizationId, year }: Scope) {
  return useQuery({
    queryKey: [...dossiersKey, "list", organizationId, year],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/dossiers", {
          params: { query: { organization_id: organizationId, year } },
        }),
      ),
  });
}

/** One base's dossier: its status, what a submission would hold now, every submission. */
export function useDossier(key: DossierKey) {
  return useQuery({
    queryKey: [...dossiersKey, "detail", key.org, key.year],
    queryFn: () => unwrap(client.GET("/api/v1/dossiers/{org}/{year}", path(key))),
  });
}

function useDossiersMutation<T, R>(run: (body: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossiersKey }),
  });
}

/** The base's committee submits the dossier to the committee above. */
export function useSubmitDossier() {
  return useDossiersMutation((key: DossierKey) =>
    unwrap(client.POST("/api/v1/dossiers/{org}/{year}/submit", path(key))),
  );
}

/** The committee above accepts the submitted dossier, or returns it with a comment. */
export function useDecideDossier() {
  return useDossiersMutation(({ org, year, ...body }: DossierKey & DossierDecision) =>
    unwrap(
      client.POST("/api/v1/dossiers/{org}/{year}/decision", { ...path({ org, year }), body }),
    ),
  );
}

/**
 * The dossier as a ZIP, fetched with the bearer token: the archive submitted last, or a draft
 * assembled now. Resolves to whether it was a draft.
 */
export async function downloadArchive(key: DossierKey): Promise<{ draft: boolean }> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/dossiers/{org}/{year}/archive", { ...path(key), parseAs: "blob" }),
  );
  saveBlob(data, attachmentName(response, `ho-so-${key.org}-${key.year}.zip`));
  return { draft: response.headers.get("X-Dossier-Draft") === "true" };
}

/** The documents the server also prints as PDF (06's statistical form stays a spreadsheet). */
const printedPrefixes = ["02-", "03-", "04-", "05-", "07-"];

export function printsAsPdf(name: string): boolean {
  return printedPrefixes.some((prefix) => name.startsWith(prefix));
}

/**
 * One document of the dossier by its name in the manifest: the file itself (DOCX or XLSX), or
 * printed as PDF (`pdf`; those `printsAsPdf` accepts).
 */
export async function downloadDocument(
  key: DossierKey,
  name: string,
  format?: "pdf",
): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/dossiers/{org}/{year}/documents/{name}", {
      params: { path: { ...key, name }, query: format === undefined ? {} : { format } },
      parseAs: "blob",
    }),
  );
  const fallback = format === undefined ? name : name.replace(/\.[^.]+$/, ".pdf");
  saveBlob(data, attachmentName(response, fallback));
}
