import type { i18n as I18n } from 'i18next';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DEFAULT_LANGUAGE, matchLanguage } from '@/i18n/languages';
import { unavailableReason, usePublicLink, type PublicLink } from './api';
import { LinkUnavailable, LoadFailed, NotAvailableYet, PublicLinkFrame } from './components';
import { RegistrationForm } from './RegistrationForm';

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

/** The link's page by type; only registration exists so far. */
function LinkView({ token, link }: { token: string; link: PublicLink }) {
  const { i18n } = useTranslation();

  // Once per link: the customer's language (else the shop's); the switcher can change it later.
  // Before paint, so that the page never shows in another language first.
  const appliedFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (appliedFor.current === token) return;
    appliedFor.current = token;
    const language = matchLanguage(link.customer?.language) ?? matchLanguage(link.workspace.defaultLanguage);
    if (language) void i18n.changeLanguage(language);
  }, [i18n, link, token]);

  switch (link.type) {
    case 'registration':
      return <RegistrationForm token={token} link={link} />;
    default:
      return <NotAvailableYet shop={link.workspace.name} />;
  }
}

function PublicLinkContent({ token }: { token: string }) {
  const { t } = useTranslation();
  const link = usePublicLink(token);

  if (link.isPending) {
    return (
      <p aria-busy="true" className="py-24 text-center text-sm text-slate-500">
        {t('publicLinks.loading')}
      </p>
    );
  }
  if (link.isError) {
    const reason = unavailableReason(link.error);
    if (reason) return <LinkUnavailable reason={reason} />;
    return <LoadFailed error={link.error} onRetry={() => void link.refetch()} retrying={link.isFetching} />;
  }
  return <LinkView token={token} link={link.data} />;
}

/** `/s/:token`: the page a customer opens from a link sent on WhatsApp. No login. */
export function PublicLinkPage() {
  const { token = '' } = useParams();
  const i18n = usePageI18n();
  return (
    <I18nextProvider i18n={i18n}>
      <PublicLinkFrame>
        <PublicLinkContent token={token} />
      </PublicLinkFrame>
    </I18nextProvider>
  );
}
