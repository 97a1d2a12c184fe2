import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Card } from '@/components/ui/card';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { formatDate } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import { useCustomerOrders } from '../api/orders';
import { OrderStatusBadge, PaymentStatusBadge } from './OrderBadges';

type CustomerOrdersProps = {
  workspaceId: string;
  customerId: string;
};

/** A customer's orders, newest first, each linking to its page (for the customer's page). */
export function CustomerOrders({ workspaceId, customerId }: CustomerOrdersProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const orders = useCustomerOrders(workspaceId, customerId);
  const ordersPath = workspaceSectionPath(workspaceId, 'orders');

  if (orders.isError) return <ProblemAlert error={orders.error} message={t('orders.loadFailed')} />;
  if (!orders.data) return <Loading />;
  if (orders.data.items.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
        <p className="font-medium text-slate-900">{t('orders.customerOrders.empty')}</p>
        <p className="max-w-md text-sm text-slate-600">{t('orders.customerOrders.emptyDescription')}</p>
      </div>
    );
  }

  return (
    <Card>
      <Table aria-label={t('orders.customerOrders.title')}>
        <TableHead>
          <tr>
            <Th>{t('orders.fields.code')}</Th>
            <Th>{t('orders.fields.status')}</Th>
            <Th>{t('orders.fields.paymentStatus')}</Th>
            <Th className="text-right">{t('orders.fields.total')}</Th>
            <Th>{t('orders.fields.createdAt')}</Th>
          </tr>
        </TableHead>
        <TableBody>
          {orders.data.items.map((order) => (
            <tr key={order.id}>
              <Td className="whitespace-nowrap">
                <Link
                  to={`${ordersPath}/${encodeURIComponent(order.id)}`}
                  className="font-mono font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {order.code}
                </Link>
              </Td>
              <Td>
                <OrderStatusBadge status={order.status} />
              </Td>
              <Td>
                <PaymentStatusBadge status={order.paymentStatus} />
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {formatMoney(order.total, order.currency, locale)}
              </Td>
              <Td className="whitespace-nowrap text-slate-600">
                <time dateTime={order.createdAt}>{formatDate(order.createdAt, locale)}</time>
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      {orders.data.total > orders.data.items.length && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">{t('list.total', { total: orders.data.total })}</p>
      )}
    </Card>
  );
}
