import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { usePaymentSettings } from './api/payments';
import { PaymentSettingsForm } from './components/PaymentSettingsForm';

/** `/w/:workspaceId/settings/payments` (Admins): how customers pay the orders the agent and the team create. */
export function PaymentSettingsPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const settings = usePaymentSettings(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('payments.title')} description={t('payments.subtitle')} />
      {settings.isError ? (
        <ProblemAlert error={settings.error} message={t('payments.loadFailed')} />
      ) : settings.data ? (
        <PaymentSettingsForm workspaceId={workspaceId} settings={settings.data} />
      ) : (
        <Loading />
      )}
    </div>
  );
}
