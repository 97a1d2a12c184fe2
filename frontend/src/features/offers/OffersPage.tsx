import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActiveField, ListToolbar, SearchField } from '@/components/data/ListToolbar';
import { Pagination } from '@/components/data/Pagination';
import { EmptyRow, SortableTh, Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { useListLinkState } from '@/components/data/listLinks';
import { useListParams } from '@/components/data/useListParams';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { can } from '@/features/auth/permissions';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { formatDate } from '@/lib/format';
import { booleanParam, PAGE_SIZE, type SortOrder } from '@/lib/list';
import { OFFER_SORTS, useOffers, type Offer, type OfferSort } from './api/offers';
import { useDescribeOffer } from './offerText';

function defaultOrder(sort: OfferSort): SortOrder {
  return sort === 'name' ? 'asc' : 'desc';
}

function Validity({ offer }: { offer: Offer }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  if (!offer.startsAt && !offer.endsAt) return <>{t('offers.always')}</>;
  if (offer.startsAt && offer.endsAt) {
    return <>{t('offers.between', { start: formatDate(offer.startsAt, locale), end: formatDate(offer.endsAt, locale) })}</>;
  }
  if (offer.startsAt) return <>{t('offers.from', { start: formatDate(offer.startsAt, locale) })}</>;
  return <>{t('offers.until', { end: formatDate(offer.endsAt ?? '', locale) })}</>;
}

export function OffersPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'offers.manage');
  const currency = useWorkspace(workspaceId).data?.currency;
  const describe = useDescribeOffer(currency);
  const list = useListParams(OFFER_SORTS, defaultOrder);
  const linkState = useListLinkState();
  const offers = useOffers(workspaceId, {
    search: list.get('search') || undefined,
    active: booleanParam(list.get('active')),
    sort: list.sort,
    order: list.order,
    page: list.page,
    limit: PAGE_SIZE,
  });
  const shownSort = list.sort ?? 'createdAt';
  const shownOrder = list.order ?? 'desc';

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('offers.title')}
        description={t('offers.subtitle')}
        actions={
          canManage && (
            <Button asChild>
              <Link to="new" state={linkState}>
                {t('offers.new')}
              </Link>
            </Button>
          )
        }
      />
      <Card>
        <ListToolbar label={t('offers.filters')}>
          <SearchField label={t('list.search')} value={list.get('search')} onValueChange={(search) => list.update({ search })} />
          <ActiveField value={list.get('active')} onValueChange={(active) => list.update({ active })} />
        </ListToolbar>
        {offers.isError ? (
          <ProblemAlert error={offers.error} message={t('offers.loadFailed')} className="m-5" />
        ) : offers.data ? (
          <div aria-busy={offers.isPlaceholderData}>
            <Table aria-label={t('offers.title')}>
              <TableHead>
                <tr>
                  <SortableTh
                    field="name"
                    label={t('offers.fields.name')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={(field) => list.sortBy(field, { sort: shownSort, order: shownOrder })}
                  />
                  <Th>{t('offers.fields.discount')}</Th>
                  <Th>{t('offers.fields.code')}</Th>
                  <SortableTh
                    field="endsAt"
                    label={t('offers.fields.validity')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={(field) => list.sortBy(field, { sort: shownSort, order: shownOrder })}
                  />
                  <Th className="text-right">{t('offers.fields.uses')}</Th>
                  <Th>{t('offers.fields.status')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {offers.data.items.length === 0 && <EmptyRow colSpan={6}>{t('offers.empty')}</EmptyRow>}
                {offers.data.items.map((offer) => (
                  <tr key={offer.id}>
                    <Td>
                      <Link
                        to={offer.id}
                        state={linkState}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {offer.name}
                      </Link>
                      {offer.description && <p className="line-clamp-1 text-xs text-slate-500">{offer.description}</p>}
                    </Td>
                    <Td className="whitespace-nowrap">{describe(offer)}</Td>
                    <Td>
                      {offer.code ? (
                        <span className="font-mono text-xs">{offer.code}</span>
                      ) : (
                        <span className="text-slate-500">{t('offers.automatic')}</span>
                      )}
                    </Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      <Validity offer={offer} />
                    </Td>
                    <Td className="text-right tabular-nums">
                      {offer.usageLimit ? `${offer.stats.uses} / ${offer.usageLimit}` : offer.stats.uses}
                    </Td>
                    <Td>
                      <Badge tone={offer.active ? 'success' : 'neutral'}>
                        {offer.active ? t('list.activeFilter.active') : t('list.activeFilter.inactive')}
                      </Badge>
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label={t('offers.pagination')}
              page={list.page}
              limit={PAGE_SIZE}
              total={offers.data.total}
              onPageChange={list.setPage}
            />
          </div>
        ) : (
          <div className="px-5 py-4">
            <Loading />
          </div>
        )}
      </Card>
    </div>
  );
}
