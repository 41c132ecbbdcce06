import { useCallback, useContext } from "react";
import { I18nContext } from "@/lib/i18n/i18n-context";
import type { MessageKey } from "@/lib/i18n/messages";

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
  const { messages } = useLocale();
  return useCallback(
    (key, values) => {
      // A page's word asked for before the pages' words came (only the frame's are in the
      // first load; pages wait for theirs): its key, rather than a crash.
      const message = (messages[key] as string | undefined) ?? key;
      if (values === undefined) return message;
      return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
        name in values ? String(values[name]) : placeholder,
      );
    },
    [messages],
  );
}

/** A feature's own words, Vietnamese and English, each keyed the same. */
export type FeatureMessages<K extends string> = Record<"vi" | "en", Record<K, string>>;

/** `useT` for a feature's own words (`messages`, a module constant), in the locale chosen. */
export function useFeatureT<K extends string>(
  messages: FeatureMessages<K>,
): (key: K, values?: TranslationValues) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, values?: TranslationValues) => {
      const message = messages[locale][key];
      if (values === undefined) return message;
      return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
        name in values ? String(values[name]) : placeholder,
      );
    },
    [locale, messages],
  );
}
