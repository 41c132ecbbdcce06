import { createContext } from "react";
import { defaultLocale, locales, type Locale, type Messages } from "@/lib/i18n/messages";

export const localeStorageKey = "kiemdiem.locale";

/** The language chosen earlier in this browser, or Vietnamese. */
export function storedLocale(): Locale {
  const stored = window.localStorage.getItem(localeStorageKey);
  return locales.find((locale) => locale === stored) ?? defaultLocale;
}

export type I18nContextValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The app's words in `locale` (Vietnamese while another catalogue is still loading). */
  messages: Messages;
};

export const I18nContext = createContext<I18nContextValue | null>(null);
