import type { QueryClient } from "@tanstack/react-query";
import type { FormRule } from "antd";
import { ApiError } from "@/api/problem";
import { meQueryKey, type Me } from "@/lib/auth/use-session";
import type { Translate } from "@/lib/i18n/use-t";

/** The API's limits on a password (CreateUser, UpdateUser, ChangePassword), checked before sending. */
export function passwordLengthRule(t: Translate): FormRule {
  return { min: 10, max: 256, message: t("validation.length", { min: 10, max: 256 }) };
}

/** The API refused a request until the user sets their own password (issue #13). */
export function isPasswordChangeRequired(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 403 && error.code === "password_change_required"
  );
}

/**
 * After a 403 `password_change_required`: the signed-in user is marked as having to change
 * their password, which puts the change-password page in place of the app.
 */
export function requirePasswordChange(queryClient: QueryClient): void {
  const me = queryClient.getQueryData<Me>(meQueryKey);
  if (me === undefined) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  } else if (!me.must_change_password) {
    queryClient.setQueryData<Me>(meQueryKey, { ...me, must_change_password: true });
  }
}
