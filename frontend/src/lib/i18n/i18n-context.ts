import { createContext } from "react";
import type { Locale } from "@/lib/i18n/messages";

export const localeStorageKey = "kiemdiem.locale";

export type I18nContextValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
};

export const I18nContext = createContext<I18nContextValue | null>(null);
