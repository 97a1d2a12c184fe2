import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/features/auth/permissions';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { useCreateService, useDeleteService, useService, useUpdateService } from './api/services';
import { ServiceForm } from './components/ServiceForm';

function BackToServices() {
  const { t } = useTranslation();
  return <TextLink to={useListPath('services')}>← {t('services.back')}</TextLink>;
}

export function NewServicePage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('services');
  const workspace = useWorkspace(workspaceId);
  const create = useCreateService(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <BackToServices />
      <PageHeader title={t('services.form.newTitle')} />
      {workspace.isError ? (
        <ProblemAlert error={workspace.error} message={t('services.form.loadFailed')} />
      ) : workspace.data ? (
        <ServiceForm
          currency={workspace.data.currency}
          defaultLanguage={workspace.data.defaultLanguage}
          readOnly={false}
          onSubmit={(values) => create.mutateAsync(values).then(() => navigate(listPath))}
          saving={create.isPending}
          error={create.error}
          submitLabel={t('services.form.create')}
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}

export function EditServicePage() {
  const { t } = useTranslation();
  const { workspaceId = '', serviceId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('services');
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const workspace = useWorkspace(workspaceId);
  const service = useService(workspaceId, serviceId);
  const update = useUpdateService(workspaceId, serviceId);
  const remove = useDeleteService(workspaceId);
  const error = service.error ?? workspace.error;

  function handleDelete() {
    remove.mutate(serviceId, { onSuccess: () => void navigate(listPath) });
  }

  return (
    <div className="flex flex-col gap-6">
      <BackToServices />
      <PageHeader title={service.data?.name ?? t('services.form.editTitle')} />
      {remove.isError && <ProblemAlert error={remove.error} message={t('services.form.deleteFailed')} />}
      {error ? (
        <ProblemAlert error={error} message={t('services.form.loadFailed')} />
      ) : workspace.data && service.data ? (
        <ServiceForm
          key={service.data.id}
          service={service.data}
          currency={workspace.data.currency}
          defaultLanguage={workspace.data.defaultLanguage}
          readOnly={!canManage}
          onSubmit={(values) => update.mutateAsync(values).then(() => navigate(listPath))}
          saving={update.isPending}
          error={update.error}
          submitLabel={t('services.form.save')}
          extraActions={
            <ConfirmDialog
              trigger={
                <Button variant="danger-outline" disabled={remove.isPending}>
                  {t('services.form.delete')}
                </Button>
              }
              title={t('services.form.deleteTitle', { name: service.data.name })}
              description={t('services.form.deleteDescription')}
              confirmLabel={t('services.form.delete')}
              cancelLabel={t('common.cancel')}
              onConfirm={handleDelete}
              destructive
            />
          }
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}
