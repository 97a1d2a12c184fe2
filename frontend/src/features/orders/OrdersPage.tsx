import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ListToolbar, SearchField } from '@/components/data/ListToolbar';
import { Pagination } from '@/components/data/Pagination';
import { EmptyRow, Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { useListLinkState } from '@/components/data/listLinks';
import { useListParams } from '@/components/data/useListParams';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { can } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { isApiError } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { PAGE_SIZE } from '@/lib/list';
import { useLiveUpdates } from '@/lib/live';
import { formatMoney } from '@/lib/money';
import { dayOrUndefined, isOrderStatus, ORDER_STATUSES, useOrders } from './api/orders';
import { OrderStatusBadge, PaymentStatusBadge } from './components/OrderBadges';

const linkClassName =
  'font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600';

/** The API has no sort for orders: newest first. */
const NO_SORTS: readonly never[] = [];

/** The server's words about `field` when it refused the filters (422). */
function filterError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.problem.errors?.find((fieldError) => fieldError.field === field)?.message;
}

/**
 * `/w/:workspaceId/orders`: every order, newest first, searchable by code or customer and filtered
 * by status and by the days it was placed on.
 */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { workspaceId = '' } = useParams();
  // Payments, refunds and failed payments update the list as they happen.
  useLiveUpdates(workspaceId);
  const list = useListParams(NO_SORTS, () => 'desc');
  const linkState = useListLinkState();
  const status = list.get('status');
  const from = dayOrUndefined(list.get('from'));
  const to = dayOrUndefined(list.get('to'));
  // An end before the start would find nothing: it is pointed out and left out until corrected.
  const toBeforeFrom = Boolean(from && to && to < from);
  const filters = {
    search: list.get('search') || undefined,
    status: isOrderStatus(status) ? status : undefined,
    from,
    to: toBeforeFrom ? undefined : to,
    page: list.page,
    limit: PAGE_SIZE,
  };
  const orders = useOrders(workspaceId, filters);
  const customersPath = workspaceSectionPath(workspaceId, 'customers');
  const membership = useCurrentMembership();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('orders.title')}
        description={t('orders.subtitle')}
        actions={
          can(membership?.role, 'orders.manage') && (
            <Button asChild>
              <Link to={`${workspaceSectionPath(workspaceId, 'orders')}/new`}>{t('orders.new.button')}</Link>
            </Button>
          )
        }
      />
      <Card>
        <ListToolbar label={t('orders.filters.label')}>
          <SearchField
            label={t('list.search')}
            placeholder={t('orders.filters.searchPlaceholder')}
            value={list.get('search')}
            onValueChange={(search) => list.update({ search })}
          />
          <Field label={t('orders.filters.status')}>
            {(control) => (
              <Select {...control} value={filters.status ?? ''} onChange={(event) => list.update({ status: event.target.value })}>
                <option value="">{t('orders.filters.all')}</option>
                {ORDER_STATUSES.map((option) => (
                  <option key={option} value={option}>
                    {t(`orders.statuses.${option}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('orders.filters.from')} error={filterError(orders.error, 'from')}>
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={from ?? ''}
                  max={to}
                  onChange={(event) => list.update({ from: event.target.value })}
                />
              )}
            </Field>
            <Field
              label={t('orders.filters.to')}
              error={toBeforeFrom ? t('orders.filters.toBeforeFrom') : filterError(orders.error, 'to')}
            >
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={to ?? ''}
                  min={from}
                  onChange={(event) => list.update({ to: event.target.value })}
                />
              )}
            </Field>
          </div>
        </ListToolbar>
        {orders.isError ? (
          <ProblemAlert error={orders.error} message={t('orders.loadFailed')} className="m-5" />
        ) : orders.data ? (
          <div aria-busy={orders.isPlaceholderData}>
            <Table aria-label={t('orders.title')}>
              <TableHead>
                <tr>
                  <Th>{t('orders.fields.code')}</Th>
                  <Th>{t('orders.fields.customer')}</Th>
                  <Th>{t('orders.fields.status')}</Th>
                  <Th>{t('orders.fields.paymentStatus')}</Th>
                  <Th className="text-right">{t('orders.fields.total')}</Th>
                  <Th>{t('orders.fields.createdAt')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {orders.data.items.length === 0 && <EmptyRow colSpan={6}>{t('orders.empty')}</EmptyRow>}
                {orders.data.items.map((order) => (
                  <tr key={order.id}>
                    <Td className="whitespace-nowrap">
                      <Link to={order.id} state={linkState} className={`font-mono ${linkClassName}`}>
                        {order.code}
                      </Link>
                    </Td>
                    <Td>
                      <Link to={`${customersPath}/${encodeURIComponent(order.customer.id)}`} className={linkClassName}>
                        {order.customer.name}
                      </Link>
                    </Td>
                    <Td>
                      <OrderStatusBadge status={order.status} />
                    </Td>
                    <Td>
                      <PaymentStatusBadge status={order.paymentStatus} />
                    </Td>
                    <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(order.total, order.currency, locale)}</Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      <time dateTime={order.createdAt}>{formatDate(order.createdAt, locale)}</time>
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label={t('orders.pagination')}
              page={list.page}
              limit={PAGE_SIZE}
              total={orders.data.total}
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
