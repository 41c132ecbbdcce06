import { client, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import { attachmentName, saveBlob } from "@/lib/download";

export type AttachmentRecord = components["schemas"]["AttachmentRecord"];

/** The largest scan the API accepts (10 MB). */
export const scanMaxBytes = 10 * 1024 * 1024;

/** The files a scan may be. */
export const scanAccept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/** What to tell the server a scan is: the browser's type, else the one its name shows. */
export function scanType(file: File): string {
  if (["application/pdf", "image/jpeg", "image/png"].includes(file.type)) return file.type;
  const name = file.name.toLowerCase();
  if (name.endsWith(".png")) return "image/png";
  if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "image/jpeg";
  return "application/pdf";
}

/**
 * A scan, as the raw request body with its type. (The API describes the body as bytes, which
 * the typed client would send as JSON: it is sent as it is instead.)
 */
export async function scanUpload(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    body: bytes as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { "Content-Type": scanType(file) },
  };
}

/** Downloads a scan (always as an attachment) with the bearer token. */
export async function downloadAttachment(id: number, fileName: string): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/attachments/{id}", { params: { path: { id } }, parseAs: "blob" }),
  );
  saveBlob(data, attachmentName(response, fileName));
}
