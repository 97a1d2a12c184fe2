import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/features/auth/permissions';
import { CustomerOrders } from '@/features/orders/components/CustomerOrders';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { formatDateTime } from '@/lib/format';
import { useCustomer, useDeleteCustomer, useUpdateCustomer, type Customer } from './api/customers';
import { BlockCustomerToggle } from './components/BlockCustomerToggle';
import { ConsentBadge } from './components/ConsentBadge';
import { CustomerForm } from './components/CustomerForm';

function EmptyTab({ title, description }: { title: string; description: string }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <p className="font-medium text-slate-900">{title}</p>
      <p className="max-w-md text-sm text-slate-600">{description}</p>
    </div>
  );
}

function RecordCard({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('customers.record.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">{t('customers.record.consent')}</dt>
          <dd>
            <ConsentBadge consent={customer.gdprConsent} />
          </dd>
          <dt className="text-slate-500">{t('customers.record.whatsapp')}</dt>
          <dd className="font-mono text-xs">{customer.whatsappId ?? '—'}</dd>
          <dt className="text-slate-500">{t('customers.record.registeredAt')}</dt>
          <dd>{customer.registeredAt ? formatDateTime(customer.registeredAt, locale) : t('customers.record.notRegistered')}</dd>
          <dt className="text-slate-500">{t('customers.record.createdAt')}</dt>
          <dd>{formatDateTime(customer.createdAt, locale)}</dd>
        </dl>
      </CardContent>
    </Card>
  );
}

/** `/w/:workspaceId/customers/:customerId`: profile (read-only for Agents), orders and conversations. */
export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { workspaceId = '', customerId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('customers');
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'customers.manage');
  const customer = useCustomer(workspaceId, customerId);
  const update = useUpdateCustomer(workspaceId, customerId);
  const remove = useDeleteCustomer(workspaceId);

  function handleDelete() {
    remove.mutate(customerId, { onSuccess: () => void navigate(listPath) });
  }

  const data = customer.data;

  return (
    <div className="flex flex-col gap-6">
      <TextLink to={listPath}>← {t('customers.back')}</TextLink>
      {customer.isError ? (
        <ProblemAlert error={customer.error} message={t('customers.form.loadFailed')} />
      ) : data ? (
        <>
          <PageHeader
            title={data.name}
            description={
              <span className="flex flex-wrap items-center gap-2">
                {data.blocked && (
                  <Badge tone="danger" dot>
                    {t('customers.blocked')}
                  </Badge>
                )}
                <ConsentBadge consent={data.gdprConsent} />
                {[data.email, data.phone].filter(Boolean).join(' · ')}
              </span>
            }
            actions={canManage && <BlockCustomerToggle workspaceId={workspaceId} customer={data} />}
          />
          {data.blocked && (
            <Alert tone="warning">
              {data.blockedReason ? t('customers.block.blockedBecause', { reason: data.blockedReason }) : t('customers.block.blockedNoReason')}
            </Alert>
          )}
          {remove.isError && <ProblemAlert error={remove.error} message={t('customers.form.deleteFailed')} />}
          <Tabs defaultValue="profile">
            <TabsList aria-label={t('customers.tabs.label')}>
              <TabsTrigger value="profile">{t('customers.tabs.profile')}</TabsTrigger>
              <TabsTrigger value="orders">{t('customers.tabs.orders')}</TabsTrigger>
              <TabsTrigger value="conversations">{t('customers.tabs.conversations')}</TabsTrigger>
            </TabsList>
            <TabsContent value="profile" className="flex flex-col gap-6">
              <RecordCard customer={data} />
              <CustomerForm
                key={data.id}
                customer={data}
                defaultLanguage={data.language}
                readOnly={!canManage}
                onSubmit={(values) => update.mutateAsync(values)}
                saving={update.isPending}
                error={update.error}
                saved={update.isSuccess}
                submitLabel={t('customers.form.save')}
                extraActions={
                  <ConfirmDialog
                    trigger={
                      <Button variant="danger-outline" disabled={remove.isPending}>
                        {t('customers.form.delete')}
                      </Button>
                    }
                    title={t('customers.form.deleteTitle', { name: data.name })}
                    description={t('customers.form.deleteDescription')}
                    confirmLabel={t('customers.form.delete')}
                    cancelLabel={t('common.cancel')}
                    onConfirm={handleDelete}
                    destructive
                  />
                }
              />
            </TabsContent>
            <TabsContent value="orders">
              <CustomerOrders workspaceId={workspaceId} customerId={data.id} />
            </TabsContent>
            <TabsContent value="conversations">
              <EmptyTab
                title={t('customers.tabs.conversationsEmptyTitle')}
                description={t('customers.tabs.conversationsEmpty')}
              />
            </TabsContent>
          </Tabs>
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
