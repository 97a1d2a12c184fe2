import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { OrderEvent } from '../api/orders';

/** The order's history, oldest first: each change of status, who made it, when and why. */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';

  function change(event: OrderEvent): string {
    const to = t(`orders.statuses.${event.to}`);
    if (event.from === null) return t('orders.timeline.created', { status: to });
    // Tracking updates are recorded without a change of status.
    if (event.from === event.to) return t('orders.timeline.updated', { status: to });
    return t('orders.timeline.change', { from: t(`orders.statuses.${event.from}`), to });
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.timeline.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">{t('orders.timeline.empty')}</p>
        ) : (
          <ol aria-labelledby={titleId} className="flex flex-col gap-4 border-l border-slate-200 pl-4">
            {events.map((event, index) => (
              <li key={`${event.at}-${index}`} className="relative text-sm">
                <span aria-hidden="true" className="absolute top-1.5 -left-[21px] size-2.5 rounded-full bg-brand-600 ring-2 ring-white" />
                <p className="font-medium text-slate-900">{change(event)}</p>
                <p className="text-slate-600">
                  {event.actorName || t(`orders.actors.${event.actorKind}`)}
                  {' · '}
                  <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
                </p>
                {event.note && <p className="mt-1 whitespace-pre-line text-slate-700">{event.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
