import type { FormInstance } from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { useT, type Translate } from "@/lib/i18n/use-t";

/** What to tell the user about a failed request: the problem's own detail when there is one. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.problem === null ? t("error.status", { status: error.status }) : error.message;
  }
  return t("error.network");
}

type NamePath = (string | number)[];

/** An API field path (`roles[2].organization_id`) as an antd form name path. */
export function namePath(field: string): NamePath {
  return field
    .split(/[.[\]]/)
    .filter((part) => part !== "")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function hasPath(values: unknown, path: NamePath): boolean {
  let node = values;
  for (const part of path) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return true;
}

/**
 * Shows a failed submission on the form: each invalid field of a 422 under its form item, and a
 * conflict (409) whose `code` names a field under that field. Returns what is left for the
 * whole form (the messages of fields it does not show, or the problem's detail), or null.
 */
export function showProblemOnForm(
  form: FormInstance,
  error: unknown,
  t: Translate,
  conflictFields: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error, t);
  const conflictField = error.code === undefined ? undefined : conflictFields[error.code];
  const errors =
    conflictField === undefined
      ? error.fieldErrors
      : [{ field: conflictField, message: error.message }];
  const present: unknown = form.getFieldsValue();
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const fieldError of errors) {
    const name = namePath(fieldError.field);
    if (!hasPath(present, name)) {
      unplaced.push(fieldError.message);
      continue;
    }
    const key = name.join(".");
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldError.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  if (unplaced.length > 0) return unplaced.join("; ");
  return placed.size > 0 ? null : errorMessage(error, t);
}

/** What a failed submission leaves for the whole form (`message`), set from an error by `show`. */
export function useFormProblem(form: FormInstance, conflictFields?: Record<string, string>) {
  const t = useT();
  const [message, setMessage] = useState<string | null>(null);
  const show = (error: unknown) => setMessage(showProblemOnForm(form, error, t, conflictFields));
  return { message, setMessage, show };
}

/** An onError that marks the save stale on a 412, and hands any other error on. */
export function staleOn412(
  setStale: (stale: boolean) => void,
  otherwise: (error: unknown) => void,
): (error: unknown) => void {
  return (error) => {
    if (error instanceof ApiError && error.status === 412) {
      setStale(true);
      return;
    }
    otherwise(error);
  };
}
