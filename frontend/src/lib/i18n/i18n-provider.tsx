import dayjs from "dayjs";
import "dayjs/locale/vi";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { I18nContext, localeStorageKey, storedLocale } from "@/lib/i18n/i18n-context";
import { loadMessages, messages, type Locale, type Messages } from "@/lib/i18n/messages";
import { nameStepHandlers } from "@/lib/i18n/step-handler-labels";

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setChosen] = useState<Locale>(storedLocale);
  const [loaded, setLoaded] = useState<Partial<Record<Locale, Messages>>>(() => ({ ...messages }));
  const catalogue = loaded[locale] ?? messages.vi;

  // A language chosen earlier whose words are not loaded yet (main.tsx loads them before the
  // first render; tests and a failed load do not): Vietnamese until they are.
  useEffect(() => {
    if (loaded[locale] !== undefined) return;
    let current = true;
    loadMessages(locale).then(
      (words) => {
        if (current) setLoaded((before) => ({ ...before, [locale]: words }));
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [locale, loaded]);

  useEffect(() => {
    window.localStorage.setItem(localeStorageKey, locale);
    document.documentElement.lang = locale;
    dayjs.locale(locale);
  }, [locale]);

  useEffect(
    () => nameStepHandlers(catalogue["inputNumber.increase"], catalogue["inputNumber.decrease"]),
    [catalogue],
  );

  // The page changes language once the new words are there, not a part at a time (and anyway,
  // with the app's words in Vietnamese, when they cannot be loaded).
  const setLocale = useCallback((next: Locale) => {
    loadMessages(next).then(
      (words) => {
        setLoaded((before) => ({ ...before, [next]: words }));
        setChosen(next);
      },
      () => setChosen(next),
    );
  }, []);

  const value = useMemo(
    () => ({ locale, setLocale, messages: catalogue }),
    [locale, setLocale, catalogue],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
