import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { formatDateTime } from '@/lib/format';
import type { Conversation } from '../api/conversations';

/** The customer behind the conversation, with a link to their full record. */
export function CustomerPanel({ workspaceId, conversation }: { workspaceId: string; conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const { customer } = conversation;
  const locale = i18n.resolvedLanguage ?? 'en';

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('inbox.customer.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {/* Label above value: the panel is narrow beside the thread. */}
        <dl className="grid gap-y-0.5 [&_dd]:mb-2 [&_dt]:text-xs">
          <dt className="text-slate-500">{t('inbox.customer.name')}</dt>
          <dd className="font-medium break-words text-slate-900">{customer.name}</dd>
          <dt className="text-slate-500">{t('inbox.customer.phone')}</dt>
          <dd className="break-words">{customer.phone}</dd>
          <dt className="text-slate-500">{t('inbox.customer.status')}</dt>
          <dd>
            {customer.blocked ? (
              <Badge tone="danger" dot>
                {t('inbox.customer.blocked')}
              </Badge>
            ) : (
              <Badge tone="success" dot>
                {t('inbox.customer.notBlocked')}
              </Badge>
            )}
          </dd>
          <dt className="text-slate-500">{t('inbox.customer.window')}</dt>
          <dd>
            {conversation.windowOpen && conversation.windowExpiresAt
              ? t('inbox.customer.windowOpenUntil', { date: formatDateTime(conversation.windowExpiresAt, locale) })
              : t('inbox.customer.windowClosed')}
          </dd>
        </dl>
        {conversation.sandbox && <p className="text-xs text-slate-500">{t('inbox.customer.sandboxHint')}</p>}
        <TextLink to={`${workspaceSectionPath(workspaceId, 'customers')}/${encodeURIComponent(customer.id)}`}>
          {t('inbox.customer.open')}
        </TextLink>
      </CardContent>
    </Card>
  );
}
