import type { FormRule } from "antd";
import { passwordLengthRule } from "@/lib/auth/password";
import type { Translate } from "@/lib/i18n/use-t";

// The API's limits (CreateUser, UpdateUser), checked before sending.
export function usernameRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t("users.username.required") },
    { min: 3, max: 64, message: t("validation.length", { min: 3, max: 64 }) },
    { pattern: /^[A-Za-z0-9._-]+$/, message: t("users.username.pattern") },
  ];
}

export function passwordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t("users.password.required") },
    passwordLengthRule(t),
  ];
}
