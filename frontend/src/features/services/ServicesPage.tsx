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
import { booleanParam, PAGE_SIZE, type SortOrder } from '@/lib/list';
import { formatMoney } from '@/lib/money';
import { SERVICE_SORTS, useServices, type ServiceSort } from './api/services';

function defaultOrder(sort: ServiceSort): SortOrder {
  return sort === 'createdAt' ? 'desc' : 'asc';
}

export function ServicesPage() {
  const { t, i18n } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const workspace = useWorkspace(workspaceId);
  const currency = workspace.data?.currency;
  const list = useListParams(SERVICE_SORTS, defaultOrder);
  const linkState = useListLinkState();
  const locale = i18n.resolvedLanguage ?? 'en';
  const services = useServices(workspaceId, {
    search: list.get('search') || undefined,
    active: booleanParam(list.get('active')),
    sort: list.sort,
    order: list.order,
    page: list.page,
    limit: PAGE_SIZE,
  });
  const shownSort = list.sort ?? 'name';
  const shownOrder = list.order ?? 'asc';

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('services.title')}
        description={t('services.subtitle')}
        actions={
          canManage && (
            <Button asChild>
              <Link to="new" state={linkState}>
                {t('services.new')}
              </Link>
            </Button>
          )
        }
      />
      <Card>
        <ListToolbar label={t('services.filters')}>
          <SearchField
            label={t('list.search')}
            value={list.get('search')}
            onValueChange={(search) => list.update({ search })}
          />
          <ActiveField value={list.get('active')} onValueChange={(active) => list.update({ active })} />
        </ListToolbar>
        {services.isError || workspace.isError ? (
          <ProblemAlert error={services.error ?? workspace.error} message={t('services.loadFailed')} className="m-5" />
        ) : services.data && currency ? (
          <div aria-busy={services.isPlaceholderData}>
            <Table aria-label={t('services.title')}>
              <TableHead>
                <tr>
                  <SortableTh
                    field="name"
                    label={t('services.fields.name')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={(field) => list.sortBy(field, { sort: shownSort, order: shownOrder })}
                  />
                  <SortableTh
                    field="price"
                    label={t('services.fields.price')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={(field) => list.sortBy(field, { sort: shownSort, order: shownOrder })}
                    className="text-right"
                  />
                  <Th className="text-right">{t('services.fields.taxRate')}</Th>
                  <Th className="text-right">{t('services.fields.duration')}</Th>
                  <Th>{t('services.fields.status')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {services.data.items.length === 0 && <EmptyRow colSpan={5}>{t('services.empty')}</EmptyRow>}
                {services.data.items.map((service) => (
                  <tr key={service.id}>
                    <Td>
                      <Link
                        to={service.id}
                        state={linkState}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {service.name}
                      </Link>
                      {service.description && <p className="line-clamp-1 text-xs text-slate-500">{service.description}</p>}
                    </Td>
                    <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(service.price, currency, locale)}</Td>
                    <Td className="text-right tabular-nums">{t('services.percent', { value: service.taxRate })}</Td>
                    <Td className="text-right whitespace-nowrap tabular-nums">
                      {service.durationMinutes === null ? '—' : t('services.minutes', { value: service.durationMinutes })}
                    </Td>
                    <Td>
                      <Badge tone={service.active ? 'success' : 'neutral'}>
                        {service.active ? t('list.activeFilter.active') : t('list.activeFilter.inactive')}
                      </Badge>
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label={t('services.pagination')}
              page={list.page}
              limit={PAGE_SIZE}
              total={services.data.total}
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
