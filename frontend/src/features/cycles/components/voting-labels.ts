import { isOneOf } from "@/lib/domain/members";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/use-t";

export const sessionModes = ["paper_tally", "electronic"] as const;
export const sessionKinds = ["regular", "supplementary"] as const;
const sessionStatuses = ["open", "closed", "finalized", "approved", "returned"] as const;
const tallyStates = ["none", "first_entry", "mismatch", "confirmed"] as const;
const resultStates = ["proposed", "approved", "returned", "cancelled"] as const;
export const voteFields = ["excellent", "good", "completed", "not_completed"] as const;

// A value added to the API after this build was made shows under its identifier.

export function sessionModeText(t: Translate, mode: string): string {
  return isOneOf(sessionModes, mode) ? t(`voting.mode.${mode}` as MessageKey) : mode;
}

export function sessionKindText(t: Translate, kind: string): string {
  return isOneOf(sessionKinds, kind) ? t(`voting.kind.${kind}` as MessageKey) : kind;
}

export function sessionStatusText(t: Translate, status: string): string {
  return isOneOf(sessionStatuses, status) ? t(`voting.status.${status}` as MessageKey) : status;
}

export function sessionStatusColor(status: string): string {
  switch (status) {
    case "open":
      return "processing";
    case "closed":
      return "cyan";
    case "finalized":
      return "gold";
    case "approved":
      return "green";
    case "returned":
      return "red";
    default:
      return "default";
  }
}

/** "Lệch: HTXS, HT": the fields of a mismatch by the short names of the vote columns. */
export function tallyStateText(t: Translate, state: string, mismatch: string[]): string {
  if (state === "mismatch") {
    const fields = mismatch.map((field) =>
      isOneOf(voteFields, field) ? t(`whatIf.votes.${field}`) : field,
    );
    return t("voting.tally.mismatch", { fields: fields.join(", ") });
  }
  return isOneOf(tallyStates, state) ? t(`voting.tally.${state}` as MessageKey) : state;
}

export function tallyStateColor(state: string): string {
  switch (state) {
    case "first_entry":
      return "gold";
    case "mismatch":
      return "red";
    case "confirmed":
      return "green";
    default:
      return "default";
  }
}

export function resultStateText(t: Translate, state: string): string {
  return isOneOf(resultStates, state) ? t(`voting.resultState.${state}` as MessageKey) : state;
}

export function resultStateColor(state: string): string {
  switch (state) {
    case "approved":
      return "green";
    case "returned":
      return "red";
    case "cancelled":
      return "default";
    default:
      return "gold";
  }
}
