import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { en } from '@/i18n/locales/en';
import { formatDateTime } from '@/lib/format';
import { OUTBOX_PAGE_SIZE, useMailOutbox, type OutboxMail } from './api/mailOutbox';
import { LinkifiedText } from './components/LinkifiedText';

type KnownStatus = keyof typeof en.mailOutbox.statuses;

const STATUS_TONES: Record<KnownStatus, BadgeProps['tone']> = {
  queued: 'neutral',
  pending: 'neutral',
  sent: 'success',
  failed: 'danger',
};

function isKnownStatus(status: string): status is KnownStatus {
  return Object.hasOwn(STATUS_TONES, status);
}

function pageFromSearch(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

function MailItem({ mail }: { mail: OutboxMail }) {
  const { t, i18n } = useTranslation();
  const known = isKnownStatus(mail.status);

  return (
    <li>
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600">
          <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium text-slate-900">{mail.subject}</span>
            <span className="block truncate text-xs text-slate-500">{t('mailOutbox.to', { to: mail.to })}</span>
          </span>
          <Badge tone={known ? STATUS_TONES[mail.status as KnownStatus] : 'neutral'}>
            {known ? t(`mailOutbox.statuses.${mail.status as KnownStatus}`) : mail.status}
          </Badge>
          <time dateTime={mail.createdAt} className="text-xs whitespace-nowrap text-slate-500">
            {formatDateTime(mail.createdAt, i18n.resolvedLanguage ?? 'en')}
          </time>
        </summary>
        <pre className="mx-5 mb-4 overflow-x-auto rounded-lg bg-slate-50 p-4 font-sans text-sm whitespace-pre-wrap text-slate-800">
          <LinkifiedText text={mail.body} />
        </pre>
      </details>
    </li>
  );
}

export function MailOutboxPage() {
  const { t } = useTranslation();
  const titleId = useId();
  const { workspaceId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageFromSearch(searchParams.get('page'));
  const outbox = useMailOutbox(workspaceId, page);
  const total = outbox.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));

  function handlePageChange(next: number) {
    setSearchParams(next === 1 ? {} : { page: String(next) });
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('mailOutbox.title')} description={t('mailOutbox.subtitle')} />
      {outbox.isError ? (
        <ProblemAlert error={outbox.error} message={t('mailOutbox.loadFailed')} />
      ) : outbox.data ? (
        <Card aria-labelledby={titleId} aria-busy={outbox.isPlaceholderData}>
          <h2 id={titleId} className="sr-only">
            {t('mailOutbox.title')}
          </h2>
          {outbox.data.items.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-slate-500">{t('mailOutbox.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {outbox.data.items.map((mail) => (
                <MailItem key={mail.id} mail={mail} />
              ))}
            </ul>
          )}
          <nav
            aria-label={t('mailOutbox.pagination')}
            className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm text-slate-600"
          >
            <span>{t('mailOutbox.total', { total })}</span>
            <div className="flex items-center gap-3">
              <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => handlePageChange(page - 1)}>
                {t('mailOutbox.previous')}
              </Button>
              <span>{t('mailOutbox.pageOf', { page, pages })}</span>
              <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => handlePageChange(page + 1)}>
                {t('mailOutbox.next')}
              </Button>
            </div>
          </nav>
        </Card>
      ) : (
        <p aria-busy="true" className="text-sm text-slate-500">
          {t('common.loading')}
        </p>
      )}
    </div>
  );
}
