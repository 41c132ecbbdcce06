import { vi } from "vitest";

/**
 * Catches the files the page saves (`saveBlob`): jsdom has no object URLs and a link's click
 * would navigate. Returns the names of the files saved, in order; restored by
 * `vi.restoreAllMocks()`.
 */
export function captureDownloads(): string[] {
  const createObjectURL = vi.fn(() => "blob:x");
  Object.defineProperty(URL, "createObjectURL", { configurable: true, value: createObjectURL });
  Object.defineProperty(URL, "revokeObjectURL", { configurable: true, value: vi.fn() });
  const saved: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push(this.download);
  });
  return saved;
}

/** An attachment as the API sends a document, named `fileName`. */
export function attachment(fileName: string, type = "application/octet-stream"): Response {
  return new Response("PK", {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${fileName}"`,
    },
  });
}

/** The file's format a document's request asks for: its `format`, DOCX when absent. */
export function formatOf(request: Request): string {
  return new URL(request.url).searchParams.get("format") ?? "docx";
}
