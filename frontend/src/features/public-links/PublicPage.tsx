import type { i18n as I18n } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, matchLanguage } from '@/i18n/languages';
import { PublicLinkFrame } from './components';

/**
 * The page's own i18next instance: it speaks the customer's language without changing (or
 * storing) the language of the dashboard in this browser. It keeps `<html lang>` in step.
 */
function usePageI18n(): I18n {
  const { i18n } = useTranslation();
  const [instance] = useState(() => i18n.cloneInstance({ lng: i18n.resolvedLanguage ?? DEFAULT_LANGUAGE }));

  useEffect(() => {
    const root = document.documentElement;
    const previous = root.lang;
    const apply = (language: string) => {
      root.lang = matchLanguage(language) ?? DEFAULT_LANGUAGE;
    };
    apply(instance.resolvedLanguage ?? DEFAULT_LANGUAGE);
    instance.on('languageChanged', apply);
    return () => {
      instance.off('languageChanged', apply);
      root.lang = previous;
    };
  }, [instance]);

  return instance;
}

/** A page for customers, without login: its own language (switchable) in the bare public frame. */
export function PublicPage({ children }: { children: ReactNode }) {
  const i18n = usePageI18n();
  return (
    <I18nextProvider i18n={i18n}>
      <PublicLinkFrame>{children}</PublicLinkFrame>
    </I18nextProvider>
  );
}
