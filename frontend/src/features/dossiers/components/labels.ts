import type { DossierKind } from "@/features/dossiers/api/dossiers";
import type { DossiersMessageKey, DossiersTranslate } from "@/features/dossiers/messages";

export const dossierStatuses = ["not_submitted", "submitted", "returned", "accepted"] as const;
const submissionStatuses = ["submitted", "returned", "accepted"] as const;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** "Chưa nộp", "Đã nộp, chờ xem xét", "Bị trả lại", "Đã tiếp nhận"; an unknown status as is. */
export function statusText(dt: DossiersTranslate, status: string): string {
  return isOneOf(dossierStatuses, status)
    ? dt(`dossiers.status.${status}` as DossiersMessageKey)
    : status;
}

const statusColors: Record<string, string> = {
  not_submitted: "default",
  submitted: "blue",
  returned: "orange",
  accepted: "green",
};

export function statusColor(status: string): string {
  return statusColors[status] ?? "default";
}

/** A submission's outcome: waiting, returned or accepted. */
export function submissionText(dt: DossiersTranslate, status: string): string {
  return isOneOf(submissionStatuses, status)
    ? dt(`dossiers.submission.${status}` as DossiersMessageKey)
    : status;
}

/** A file's size for people: "12,3 KB". */
export { sizeText } from "@/lib/format";

/** Where one base's dossier of `year` opens: on its leaders' tab for `leaders`. */
export function dossierPath(org: number, year: number, kind: DossierKind = "base"): string {
  return `/dossiers/${org}/${year}${kind === "leaders" ? "?kind=leaders" : ""}`;
}

/** The list of the dossiers of `kind` under `org`. */
export function dossiersPath(org: number, year: number, kind: DossierKind = "base"): string {
  return `/dossiers?org=${org}&year=${year}${kind === "leaders" ? "&kind=leaders" : ""}`;
}
