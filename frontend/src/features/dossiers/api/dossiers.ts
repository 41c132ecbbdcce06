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

/**
 * Which of a base's dossiers: `base`, the yearly one to the committee above (district or city,
 * by 25/11), or `leaders`, its leaders' one to the province (plan II.5, by 15/12).
 */
export type DossierKind = "base" | "leaders";

/** `?kind=leaders` in an address: the leaders' dossiers; anything else the base's. */
export function dossierKindOf(value: string | null): DossierKind {
  return value === "leaders" ? "leaders" : "base";
}

function path({ org, year }: DossierKey) {
  return { params: { path: { org, year } } };
}

/** The dossiers of the bases under the organisation: status, deadline, late and overdue. */
export function useDossiers({ organizationId, year }: Scope, kind: DossierKind = "base") {
  return useQuery({
    queryKey: [...dossiersKey, "list", kind, organizationId, year],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/dossiers", {
          // The API's default is the base's dossiers.
          params: {
            query: {
              organization_id: organizationId,
              year,
              ...(kind === "leaders" ? { kind } : {}),
            },
          },
        }),
      ),
  });
}

/** One base's dossier of `kind`: its status, what a submission would hold now, every submission. */
export function useDossier(key: DossierKey, kind: DossierKind = "base") {
  return useQuery({
    queryKey: [...dossiersKey, "detail", kind, key.org, key.year],
    queryFn: () =>
      unwrap(
        kind === "leaders"
          ? client.GET("/api/v1/dossiers/{org}/{year}/leaders", path(key))
          : client.GET("/api/v1/dossiers/{org}/{year}", path(key)),
      ),
  });
}

function useDossiersMutation<T, R>(run: (body: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossiersKey }),
  });
}

/** The base's committee submits the dossier to the committee above (leaders': the province). */
export function useSubmitDossier(kind: DossierKind = "base") {
  return useDossiersMutation((key: DossierKey) =>
    unwrap(
      kind === "leaders"
        ? client.POST("/api/v1/dossiers/{org}/{year}/leaders/submit", path(key))
        : client.POST("/api/v1/dossiers/{org}/{year}/submit", path(key)),
    ),
  );
}

/**
 * The committee above (leaders': the province's) accepts the submitted dossier, or returns it
 * with a comment.
 */
export function useDecideDossier(kind: DossierKind = "base") {
  return useDossiersMutation(({ org, year, ...body }: DossierKey & DossierDecision) => {
    const request = { ...path({ org, year }), body };
    return unwrap(
      kind === "leaders"
        ? client.POST("/api/v1/dossiers/{org}/{year}/leaders/decision", request)
        : client.POST("/api/v1/dossiers/{org}/{year}/decision", request),
    );
  });
}

/**
 * The dossier as a ZIP, fetched with the bearer token: the archive submitted last, or a draft
 * assembled now. Resolves to whether it was a draft.
 */
export async function downloadArchive(
  key: DossierKey,
  kind: DossierKind = "base",
): Promise<{ draft: boolean }> {
  const request = { ...path(key), parseAs: "blob" } as const;
  const { data, response } = await unwrapResponse(
    kind === "leaders"
      ? client.GET("/api/v1/dossiers/{org}/{year}/leaders/archive", request)
      : client.GET("/api/v1/dossiers/{org}/{year}/archive", request),
  );
  const prefix = kind === "leaders" ? "ho-so-lanh-dao" : "ho-so";
  saveBlob(data, attachmentName(response, `${prefix}-${key.org}-${key.year}.zip`));
  return { draft: response.headers.get("X-Dossier-Draft") === "true" };
}

/**
 * The documents the server also prints as PDF (06's statistical form stays a spreadsheet; the
 * approved reports are PDFs already).
 */
const printedPrefixes = ["01-", "02-", "03-", "04-", "05-", "07-"];

export function printsAsPdf(name: string): boolean {
  return !name.endsWith(".pdf") && printedPrefixes.some((prefix) => name.startsWith(prefix));
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

/** One document of the leaders' dossier by its name in the manifest: all of them are PDF. */
export async function downloadLeadersDocument(key: DossierKey, name: string): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/dossiers/{org}/{year}/leaders/documents/{name}", {
      params: { path: { ...key, name } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, name));
}
