import { client, unwrapResponse } from "@/api/client";
import type { MembersFilters } from "@/features/members/api/get-members";
import { attachmentName, saveBlob } from "@/lib/download";

export type FileFormat = "xlsx" | "csv";

/** Downloads the members the list shows (every page), with the list's filters. */
export async function exportMembers(filters: MembersFilters, format: FileFormat): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/members/export", {
      params: { query: { ...filters, format } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `danh-sach-dang-vien.${format}`));
}

/** Downloads the import template. */
export async function downloadTemplate(format: FileFormat): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/members/import/template", {
      params: { query: { format } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `mau-nhap-dang-vien.${format}`));
}
