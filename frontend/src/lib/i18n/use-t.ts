import { useCallback, useContext } from "react";
import { I18nContext } from "@/lib/i18n/i18n-context";
import { messages, type MessageKey } from "@/lib/i18n/messages";

export type TranslationValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: TranslationValues) => string;

export function useLocale() {
  const context = useContext(I18nContext);
  if (context === null) {
    throw new Error("useLocale must be used inside <I18nProvider>");
  }
  return context;
}

/** `t("users.total", { total: 3 })` fills `{total}` in the message. */
export function useT(): Translate {
  const { locale } = useLocale();
  return useCallback(
    (key, values) => {
      const message = messages[locale][key];
      if (values === undefined) return message;
      return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
        name in values ? String(values[name]) : placeholder,
      );
    },
    [locale],
  );
}
