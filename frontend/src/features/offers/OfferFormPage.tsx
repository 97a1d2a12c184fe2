import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/features/auth/permissions';
import { useCategories } from '@/features/categories/api/categories';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useCreateOffer, useDeleteOffer, useOffer, useUpdateOffer } from './api/offers';
import { OfferForm } from './components/OfferForm';
import { OfferPreview } from './components/OfferPreview';
import { useDescribeOffer } from './offerText';

function BackToOffers() {
  const { t } = useTranslation();
  return <TextLink to={useListPath('offers')}>← {t('offers.back')}</TextLink>;
}

export function NewOfferPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const workspace = useWorkspace(workspaceId);
  const categories = useCategories(workspaceId);
  const create = useCreateOffer(workspaceId);
  const error = workspace.error ?? categories.error;

  return (
    <div className="flex flex-col gap-6">
      <BackToOffers />
      <PageHeader title={t('offers.form.newTitle')} />
      {error ? (
        <ProblemAlert error={error} message={t('offers.form.loadFailed')} />
      ) : workspace.data && categories.data ? (
        <>
          <OfferForm
            workspaceId={workspaceId}
            currency={workspace.data.currency}
            categories={categories.data}
            readOnly={false}
            onSubmit={(values) =>
              // On to the saved offer, whose code the preview can then try.
              create.mutateAsync(values).then((offer) =>
                navigate(`${workspaceSectionPath(workspaceId, 'offers')}/${offer.id}`, { state: location.state }),
              )
            }
            saving={create.isPending}
            error={create.error}
            submitLabel={t('offers.form.create')}
          />
          <OfferPreview workspaceId={workspaceId} currency={workspace.data.currency} />
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}

export function EditOfferPage() {
  const { t } = useTranslation();
  const { workspaceId = '', offerId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('offers');
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'offers.manage');
  const workspace = useWorkspace(workspaceId);
  const categories = useCategories(workspaceId);
  const offer = useOffer(workspaceId, offerId);
  const update = useUpdateOffer(workspaceId, offerId);
  const remove = useDeleteOffer(workspaceId);
  const describe = useDescribeOffer(workspace.data?.currency);
  const error = offer.error ?? workspace.error ?? categories.error;

  function handleDelete() {
    remove.mutate(offerId, { onSuccess: () => void navigate(listPath) });
  }

  return (
    <div className="flex flex-col gap-6">
      <BackToOffers />
      <PageHeader
        title={offer.data?.name ?? t('offers.form.editTitle')}
        description={
          offer.data &&
          `${describe(offer.data)} · ${t('offers.usedTimes', { uses: offer.data.stats.uses, customers: offer.data.stats.customers })}`
        }
      />
      {remove.isError && <ProblemAlert error={remove.error} message={t('offers.form.deleteFailed')} />}
      {update.isSuccess && <Alert tone="success">{t('offers.form.saved')}</Alert>}
      {error ? (
        <ProblemAlert error={error} message={t('offers.form.loadFailed')} />
      ) : workspace.data && categories.data && offer.data ? (
        <>
          <OfferForm
            key={offer.data.id}
            workspaceId={workspaceId}
            offer={offer.data}
            currency={workspace.data.currency}
            categories={categories.data}
            readOnly={!canManage}
            onSubmit={(values) => update.mutateAsync(values)}
            saving={update.isPending}
            error={update.error}
            submitLabel={t('offers.form.save')}
            extraActions={
              <ConfirmDialog
                trigger={
                  <Button variant="danger-outline" disabled={remove.isPending}>
                    {t('offers.form.delete')}
                  </Button>
                }
                title={t('offers.form.deleteTitle', { name: offer.data.name })}
                description={t('offers.form.deleteDescription')}
                confirmLabel={t('offers.form.delete')}
                cancelLabel={t('common.cancel')}
                onConfirm={handleDelete}
                destructive
              />
            }
          />
          <OfferPreview workspaceId={workspaceId} currency={workspace.data.currency} offer={offer.data} />
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
