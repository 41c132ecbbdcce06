import type { FormInstance } from "antd";
import { ApiError } from "@/api/problem";
import type { Translate } from "@/lib/i18n/use-t";
import { errorMessage, namePath } from "@/lib/problems";

type NamePath = (string | number)[];

/**
 * Shows a failed save on the form: each invalid field of a 422 under the form item `place`
 * names for it (`facts[2]` under the facts), the others and any other problem for the whole
 * form (returned, or null when every error found its field). `describe` words an error where
 * the form item alone does not say what it is about (a member among those of a list).
 */
export function showPointsProblem(
  form: FormInstance,
  error: unknown,
  t: Translate,
  place: (name: NamePath) => NamePath | null,
  describe: (name: NamePath, message: string) => string = (_, message) => message,
): string | null {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return errorMessage(error, t);
  }
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = namePath(fieldError.field);
    const name = place(field);
    if (name === null) {
      unplaced.push(fieldError.message);
      continue;
    }
    const key = name.join(".");
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(describe(field, fieldError.message));
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  return unplaced.length > 0 ? unplaced.join("; ") : null;
}

/** Clears the errors shown under `names`. */
export function clearFieldErrors(form: FormInstance, names: NamePath[]) {
  form.setFields(names.map((name) => ({ name, errors: [] })));
}
