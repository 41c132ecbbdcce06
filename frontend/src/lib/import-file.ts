import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";

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
export async function rawFile(file: File) {
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

/** An empty report holding the rows a refused import listed. */
export function reportOfRows(previous: ImportReport | null, rows: ImportReport["errors"]): ImportReport {
  return {
    dry_run: true,
    rows: previous?.rows ?? 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    ignored_columns: previous?.ignored_columns ?? [],
    errors: rows,
    errors_truncated: false,
  };
}
