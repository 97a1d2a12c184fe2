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
import { useCreateFaq, useDeleteFaq, useFaq, useUpdateFaq } from './api/faqs';
import { FaqForm } from './components/FaqForm';

function BackToFaqs() {
  const { t } = useTranslation();
  return <TextLink to={useListPath('faqs')}>← {t('faqs.back')}</TextLink>;
}

export function NewFaqPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('faqs');
  const workspace = useWorkspace(workspaceId);
  const create = useCreateFaq(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <BackToFaqs />
      <PageHeader title={t('faqs.form.newTitle')} />
      {workspace.isError ? (
        <ProblemAlert error={workspace.error} message={t('faqs.form.loadFailed')} />
      ) : workspace.data ? (
        <FaqForm
          defaultLanguage={workspace.data.defaultLanguage}
          readOnly={false}
          onSubmit={(values) => create.mutateAsync(values).then(() => navigate(listPath))}
          saving={create.isPending}
          error={create.error}
          submitLabel={t('faqs.form.create')}
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}

export function EditFaqPage() {
  const { t } = useTranslation();
  const { workspaceId = '', faqId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('faqs');
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const faq = useFaq(workspaceId, faqId);
  const update = useUpdateFaq(workspaceId, faqId);
  const remove = useDeleteFaq(workspaceId);

  function handleDelete() {
    remove.mutate(faqId, { onSuccess: () => void navigate(listPath) });
  }

  return (
    <div className="flex flex-col gap-6">
      <BackToFaqs />
      <PageHeader title={t('faqs.form.editTitle')} description={faq.data?.question} />
      {remove.isError && <ProblemAlert error={remove.error} message={t('faqs.form.deleteFailed')} />}
      {faq.isError ? (
        <ProblemAlert error={faq.error} message={t('faqs.form.loadFailed')} />
      ) : faq.data ? (
        <FaqForm
          key={faq.data.id}
          faq={faq.data}
          defaultLanguage={faq.data.language}
          readOnly={!canManage}
          onSubmit={(values) => update.mutateAsync(values).then(() => navigate(listPath))}
          saving={update.isPending}
          error={update.error}
          submitLabel={t('faqs.form.save')}
          extraActions={
            <ConfirmDialog
              trigger={
                <Button variant="danger-outline" disabled={remove.isPending}>
                  {t('faqs.form.delete')}
                </Button>
              }
              title={t('faqs.form.deleteTitle')}
              description={t('faqs.form.deleteDescription')}
              confirmLabel={t('faqs.form.delete')}
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
