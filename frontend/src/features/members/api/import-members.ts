import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import { membersQueryKey } from "@/features/members/api/get-members";
import { rawFile, type ImportReport } from "@/lib/import-file";

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
