import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { membersQueryKey } from "@/features/members/api/get-members";

export type ImportReport = components["schemas"]["ImportReport"];
export type RowError = components["schemas"]["RowError"];

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The spreadsheets the importers read. */
export const importAccept = ".csv,.xlsx,text/csv," + xlsxType;

/** What to tell the server the file is (it also recognises an XLSX by its first bytes). */
function contentType(file: File): string {
  return /\.xlsx$/i.test(file.name) || file.type === xlsxType ? xlsxType : "text/csv";
}

/**
 * The file, as the raw request body. (The API describes the body as a byte array, which the
 * typed client would send as JSON: it is sent as it is instead.)
 */
async function rawFile(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    body: bytes as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { "Content-Type": contentType(file) },
  };
}

/** The rows a real import refused (422 `import_invalid`: nothing was written), or null. */
export function refusedRows(error: unknown): RowError[] | null {
  return error instanceof ApiError && error.status === 422 ? (error.problem?.rows ?? null) : null;
}

export type ImportRun = { file: File; dryRun: boolean };

export async function importMembers({
  file,
  dryRun,
  branchId,
}: ImportRun & { branchId?: number | null }): Promise<ImportReport> {
  return unwrap(
    client.POST("/api/v1/members/import", {
      params: { query: { dry_run: dryRun, branch_id: branchId ?? undefined } },
      ...(await rawFile(file)),
    }),
  );
}

export async function importHistory({ file, dryRun }: ImportRun): Promise<ImportReport> {
  return unwrap(
    client.POST("/api/v1/members/history/import", {
      params: { query: { dry_run: dryRun } },
      ...(await rawFile(file)),
    }),
  );
}

/** Runs an import (a dry run or the real one); a real one refreshes every member query. */
export function useImport<Run extends ImportRun>(run: (input: Run) => Promise<ImportReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (report) =>
      report.dry_run ? undefined : queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
