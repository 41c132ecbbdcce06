import { useCallback, useContext } from "react";
import { I18nContext } from "@/lib/i18n/i18n-context";
import { messages, type MessageKey } from "@/lib/i18n/messages";

export function useLocale() {
  const context = useContext(I18nContext);
  if (context === null) {
    throw new Error("useLocale must be used inside <I18nProvider>");
  }
  return context;
}

export function useT() {
  const { locale } = useLocale();
  return useCallback((key: MessageKey) => messages[locale][key], [locale]);
}
