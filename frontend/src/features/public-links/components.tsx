import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '@/components/layout/LanguageSwitcher';
import { Button } from '@/components/ui/button';
import type { UnavailableReason } from './api';
import { useRateLimitText } from './rateLimit';

/** The bare frame of a customer's page: no dashboard header, only the language switcher. */
export function PublicLinkFrame({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-end border-b border-slate-200 bg-white px-4">
        <LanguageSwitcher />
      </header>
      <main id="main" className="mx-auto w-full max-w-lg flex-1 px-4 py-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}

type PublicCardProps = {
  title: string;
  /** Shown above the title, e.g. the shop's name on a message page. */
  eyebrow?: string;
  /** Moves focus to the title when shown, so that screen readers announce the new screen. */
  focusTitle?: boolean;
  children: ReactNode;
};

/** The one card of a public page, with its heading. */
export function PublicCard({ title, eyebrow, focusTitle = false, children }: PublicCardProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) headingRef.current?.focus();
  }, [focusTitle]);

  return (
    <section className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
      <title>{title}</title>
      <div className="flex flex-col gap-1">
        {eyebrow && <p className="text-sm font-medium text-brand-700">{eyebrow}</p>}
        <h1
          ref={headingRef}
          tabIndex={focusTitle ? -1 : undefined}
          className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none"
        >
          {title}
        </h1>
      </div>
      {children}
    </section>
  );
}

const REASON_TEXT = {
  expired: { title: 'publicLinks.unavailable.expiredTitle', description: 'publicLinks.unavailable.expiredDescription' },
  used: { title: 'publicLinks.unavailable.usedTitle', description: 'publicLinks.unavailable.usedDescription' },
  unknown: { title: 'publicLinks.unavailable.unknownTitle', description: 'publicLinks.unavailable.unknownDescription' },
} as const;

/** Expired, already used or unknown link: say so, and how to get a new one. */
export function LinkUnavailable({ reason, focusTitle }: { reason: UnavailableReason; focusTitle?: boolean }) {
  const { t } = useTranslation();
  const text = REASON_TEXT[reason];
  return (
    <PublicCard title={t(text.title)} focusTitle={focusTitle}>
      <div className="flex flex-col gap-3 text-sm text-slate-700">
        <p>{t(text.description)}</p>
        <p className="font-medium text-slate-900">{t('publicLinks.unavailable.newLink')}</p>
      </div>
    </PublicCard>
  );
}

/** A link of a kind this version of the page cannot show yet. */
export function NotAvailableYet({ shop }: { shop: string }) {
  const { t } = useTranslation();
  return (
    <PublicCard title={t('publicLinks.notAvailableYet.title')} eyebrow={shop}>
      <p className="text-sm text-slate-700">{t('publicLinks.notAvailableYet.description', { shop })}</p>
    </PublicCard>
  );
}

/** The link could not be read (network, server error, rate limit): explain and offer a retry. */
export function LoadFailed({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const rateLimitText = useRateLimitText();
  return (
    <PublicCard title={t('publicLinks.loadFailed.title')}>
      <p role="alert" className="text-sm text-slate-700">
        {rateLimitText(error) ?? t('publicLinks.loadFailed.description')}
      </p>
      <Button onClick={onRetry} disabled={retrying} className="self-start">
        {t('publicLinks.loadFailed.retry')}
      </Button>
    </PublicCard>
  );
}
