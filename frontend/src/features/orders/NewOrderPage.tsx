import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { TextLink } from '@/components/ui/text-link';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { NewOrderForm } from './components/NewOrderForm';

/** `/w/:workspaceId/orders/new` (Admins and Managers): an order taken by phone or in person. */
export function NewOrderPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const listPath = useListPath('orders');
  const workspace = useWorkspace(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <TextLink to={listPath}>← {t('orders.back')}</TextLink>
      <PageHeader title={t('orders.new.title')} description={t('orders.new.subtitle')} />
      {workspace.isError ? (
        <ProblemAlert error={workspace.error} message={t('workspace.settings.loadFailed')} />
      ) : workspace.data ? (
        <NewOrderForm workspaceId={workspaceId} currency={workspace.data.currency} />
      ) : (
        <Loading />
      )}
    </div>
  );
}
