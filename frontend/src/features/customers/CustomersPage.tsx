import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ListToolbar, SearchField } from '@/components/data/ListToolbar';
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
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { can } from '@/features/auth/permissions';
import { CsvTransferActions } from '@/features/csv-import/CsvTransferActions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { formatDate } from '@/lib/format';
import { booleanParam, PAGE_SIZE, type SortOrder } from '@/lib/list';
import { CUSTOMER_SORTS, customerKeys, useCustomers, type CustomerSort } from './api/customers';
import { ConsentBadge } from './components/ConsentBadge';

function defaultOrder(sort: CustomerSort): SortOrder {
  return sort === 'createdAt' ? 'desc' : 'asc';
}

export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'customers.manage');
  const list = useListParams(CUSTOMER_SORTS, defaultOrder);
  const linkState = useListLinkState();
  const filters = {
    search: list.get('search') || undefined,
    blocked: booleanParam(list.get('blocked')),
    tag: list.get('tag') || undefined,
    sort: list.sort,
    order: list.order,
    page: list.page,
    limit: PAGE_SIZE,
  };
  const customers = useCustomers(workspaceId, filters);
  const shownSort = list.sort ?? (filters.search ? undefined : 'createdAt');
  const shownOrder = list.order ?? (filters.search ? undefined : 'desc');

  function handleSort(field: CustomerSort) {
    list.sortBy(field, shownSort && shownOrder ? { sort: shownSort, order: shownOrder } : undefined);
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('customers.title')}
        description={t('customers.subtitle')}
        actions={
          <div className="flex flex-wrap gap-2">
            <CsvTransferActions
              kind="customers"
              workspaceId={workspaceId}
              canImport={canManage}
              invalidates={[customerKeys.lists(workspaceId)]}
            />
            {canManage && (
              <Button asChild>
                <Link to="new" state={linkState}>
                  {t('customers.new')}
                </Link>
              </Button>
            )}
          </div>
        }
      />
      <Card>
        <ListToolbar label={t('customers.filters.label')}>
          <SearchField
            label={t('list.search')}
            placeholder={t('customers.filters.searchPlaceholder')}
            value={list.get('search')}
            onValueChange={(search) => list.update({ search })}
          />
          <Field label={t('customers.filters.blocked')}>
            {(control) => (
              <Select {...control} value={list.get('blocked')} onChange={(event) => list.update({ blocked: event.target.value })}>
                <option value="">{t('customers.filters.all')}</option>
                <option value="true">{t('customers.filters.blockedOnly')}</option>
                <option value="false">{t('customers.filters.notBlocked')}</option>
              </Select>
            )}
          </Field>
          <SearchField label={t('customers.filters.tag')} value={list.get('tag')} onValueChange={(tag) => list.update({ tag: tag.trim() })} />
        </ListToolbar>
        {customers.isError ? (
          <ProblemAlert error={customers.error} message={t('customers.loadFailed')} className="m-5" />
        ) : customers.data ? (
          <div aria-busy={customers.isPlaceholderData}>
            <Table aria-label={t('customers.title')}>
              <TableHead>
                <tr>
                  <SortableTh field="name" label={t('customers.fields.name')} sort={shownSort} order={shownOrder} onSort={handleSort} />
                  <Th>{t('customers.fields.contact')}</Th>
                  <Th>{t('customers.fields.tags')}</Th>
                  <Th>{t('customers.fields.consent')}</Th>
                  <SortableTh
                    field="createdAt"
                    label={t('customers.fields.createdAt')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={handleSort}
                  />
                  <Th>{t('customers.fields.status')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {customers.data.items.length === 0 && <EmptyRow colSpan={6}>{t('customers.empty')}</EmptyRow>}
                {customers.data.items.map((customer) => (
                  <tr key={customer.id}>
                    <Td>
                      <Link
                        to={customer.id}
                        state={linkState}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {customer.name}
                      </Link>
                      {customer.company && <p className="text-xs text-slate-500">{customer.company}</p>}
                    </Td>
                    <Td className="text-slate-600">
                      {customer.email && <p className="break-all">{customer.email}</p>}
                      {customer.phone && <p className="text-xs whitespace-nowrap">{customer.phone}</p>}
                    </Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {customer.tags.map((tag) => (
                          <Badge key={tag}>{tag}</Badge>
                        ))}
                      </div>
                    </Td>
                    <Td>
                      <ConsentBadge consent={customer.gdprConsent} />
                    </Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, locale)}</time>
                    </Td>
                    <Td>
                      {customer.blocked ? (
                        <Badge tone="danger" dot>
                          {t('customers.blocked')}
                        </Badge>
                      ) : (
                        <Badge tone="success" dot>
                          {t('customers.active')}
                        </Badge>
                      )}
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label={t('customers.pagination')}
              page={list.page}
              limit={PAGE_SIZE}
              total={customers.data.total}
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
