import dayjs from "dayjs";
import "dayjs/locale/vi";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { I18nContext, localeStorageKey } from "@/lib/i18n/i18n-context";
import { defaultLocale, locales, messages, type Locale } from "@/lib/i18n/messages";
import { nameStepHandlers } from "@/lib/i18n/step-handler-labels";

function storedLocale(): Locale {
  const stored = window.localStorage.getItem(localeStorageKey);
  return locales.find((locale) => locale === stored) ?? defaultLocale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(storedLocale);

  useEffect(() => {
    window.localStorage.setItem(localeStorageKey, locale);
    document.documentElement.lang = locale;
    dayjs.locale(locale);
  }, [locale]);

  useEffect(
    () =>
      nameStepHandlers(
        messages[locale]["inputNumber.increase"],
        messages[locale]["inputNumber.decrease"],
      ),
    [locale],
  );

  const value = useMemo(() => ({ locale, setLocale }), [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}
