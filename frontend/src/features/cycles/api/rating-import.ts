import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import { cyclesQueryKey } from "@/features/cycles/api/cycles";
import { attachmentName, saveBlob } from "@/lib/download";
import { rawFile, type ImportReport } from "@/lib/import-file";

/** Downloads the empty ratings sheet (CSV) with the headers the import reads. */
export async function downloadRatingsTemplate(cycleId: number): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/cycles/{id}/professional-ratings/import/template", {
      params: { path: { id: cycleId } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, "mau-xep-loai-cbccvc.csv"));
}

/**
 * Sends the ratings file: a dry run (nothing written) or the real import, all or nothing. A real
 * one refreshes the cycle's ratings and progress.
 */
export function useImportRatings(cycleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, dryRun }: { file: File; dryRun: boolean }): Promise<ImportReport> =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/professional-ratings/import", {
          params: { path: { id: cycleId }, query: { dry_run: dryRun } },
          ...(await rawFile(file)),
        }),
      ),
    onSuccess: (report) =>
      report.dry_run ? undefined : queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}
