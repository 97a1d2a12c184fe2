import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { FormProvider, useForm, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { SaveStatus } from '@/components/form/SaveStatus';
import { settingsSaveCallbacks, useFieldErrorText } from '@/components/form/validation';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { formatDateTime } from '@/lib/format';
import { useDeleteWorkspace, useUpdateWorkspace, useWorkspace, type Workspace } from './api/workspaces';
import { PrivacyNoticeCard } from './components/PrivacyNoticeCard';
import { WorkspaceDetailsFields } from './components/WorkspaceDetailsFields';
import { workspaceSettingsSchema } from './workspaceSchema';

type SettingsForm = z.infer<typeof workspaceSettingsSchema>;

const FIELDS = [
  'name',
  'currency',
  'defaultLanguage',
  'timezone',
  'businessType',
  'apiRateLimit',
  'legalName',
  'legalAddress',
  'vatNumber',
] as const;

function toForm(workspace: Workspace): SettingsForm {
  return {
    name: workspace.name,
    currency: workspace.currency,
    defaultLanguage: workspace.defaultLanguage,
    timezone: workspace.timezone,
    businessType: workspace.businessType,
    apiRateLimit: workspace.apiRateLimit,
    legalName: workspace.legalName ?? '',
    legalAddress: workspace.legalAddress ?? '',
    vatNumber: workspace.vatNumber ?? '',
  };
}

/** The seller's details printed on invoices; inside the settings form. */
function InvoiceDetailsFields({ shopName }: { shopName: string }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const legendId = useId();
  const hintId = useId();
  const {
    register,
    formState: { errors },
  } = useFormContext<SettingsForm>();

  return (
    <fieldset aria-labelledby={legendId} aria-describedby={hintId} className="flex flex-col gap-4 border-t border-slate-100 pt-4">
      <div>
        <h3 id={legendId} className="text-sm font-semibold text-slate-900">
          {t('workspace.settings.invoice')}
        </h3>
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {t('workspace.settings.invoiceHint')}
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('workspace.fields.legalName')} error={fieldError(errors.legalName?.message)}>
          {(control) => <Input {...control} maxLength={200} placeholder={shopName} {...register('legalName')} />}
        </Field>
        <Field label={t('workspace.fields.vatNumber')} error={fieldError(errors.vatNumber?.message)}>
          {(control) => <Input {...control} maxLength={30} autoCapitalize="characters" {...register('vatNumber')} />}
        </Field>
      </div>
      <Field label={t('workspace.fields.legalAddress')} error={fieldError(errors.legalAddress?.message)}>
        {(control) => <Textarea {...control} rows={3} maxLength={300} autoComplete="street-address" {...register('legalAddress')} />}
      </Field>
    </fieldset>
  );
}

function SettingsFormCard({ workspace }: { workspace: Workspace }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const update = useUpdateWorkspace(workspace.id);
  const fieldError = useFieldErrorText();
  const form = useForm<SettingsForm>({
    resolver: zodResolver(workspaceSettingsSchema),
    defaultValues: toForm(workspace),
  });
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = form;

  function handleSave(values: SettingsForm) {
    update.mutate(values, settingsSaveCallbacks({ reset, setError }, toForm, FIELDS));
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader className="flex-row flex-wrap items-center justify-between">
        <CardTitle id={titleId}>{t('workspace.settings.general')}</CardTitle>
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <span>{t('workspace.fields.status')}:</span>
          <Badge tone={workspace.status === 'active' ? 'success' : 'warning'} dot>
            {t(`workspace.statuses.${workspace.status}`)}
          </Badge>
        </div>
      </CardHeader>
      <CardContent className="py-6">
        <FormProvider {...form}>
          <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-4">
            <SaveStatus mutation={update} dirty={isDirty} failed={t('workspace.settings.failed')} saved={t('workspace.settings.saved')} />
            <WorkspaceDetailsFields />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('workspace.fields.apiRateLimit')}
                hint={t('workspace.fields.apiRateLimitHint')}
                error={fieldError(errors.apiRateLimit?.message)}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={100_000}
                    step={1}
                    {...register('apiRateLimit', { valueAsNumber: true })}
                  />
                )}
              </Field>
              <Field label={t('workspace.fields.slug')}>
                {(control) => <Input {...control} value={workspace.slug} readOnly disabled />}
              </Field>
            </div>
            <InvoiceDetailsFields shopName={workspace.name} />
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-xs text-slate-500">
                {t('workspace.settings.createdAt', {
                  date: formatDateTime(workspace.createdAt, i18n.resolvedLanguage ?? 'en'),
                })}
              </p>
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? t('workspace.settings.saving') : t('workspace.settings.save')}
              </Button>
            </div>
          </form>
        </FormProvider>
      </CardContent>
    </Card>
  );
}

function DangerZone({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const titleId = useId();
  const navigate = useNavigate();
  const update = useUpdateWorkspace(workspace.id);
  const remove = useDeleteWorkspace(workspace.id);
  const active = workspace.status === 'active';
  const error = update.error ?? remove.error;

  function handleDeactivate() {
    update.mutate({ status: 'inactive' });
  }

  function handleReactivate() {
    update.mutate({ status: 'active' });
  }

  function handleDelete() {
    remove.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }) });
  }

  return (
    <Card aria-labelledby={titleId} className="border-red-200">
      <CardHeader>
        <CardTitle id={titleId} className="text-red-800">
          {t('workspace.settings.danger.title')}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col divide-y divide-slate-100">
        {error && <ProblemAlert error={error} message={t('workspace.settings.danger.failed')} className="mb-4" />}
        <div className="flex flex-wrap items-center justify-between gap-3 pb-4">
          <CardDescription className="max-w-prose">
            {active ? t('workspace.settings.danger.deactivateDescription') : t('workspace.settings.danger.reactivateDescription')}
          </CardDescription>
          {active ? (
            <ConfirmDialog
              trigger={
                <Button variant="danger-outline" disabled={update.isPending}>
                  {t('workspace.settings.danger.deactivate')}
                </Button>
              }
              title={t('workspace.settings.danger.deactivateTitle', { workspace: workspace.name })}
              description={t('workspace.settings.danger.deactivateDescription')}
              confirmLabel={t('workspace.settings.danger.deactivateConfirm')}
              cancelLabel={t('common.cancel')}
              onConfirm={handleDeactivate}
              destructive
            />
          ) : (
            <Button variant="secondary" onClick={handleReactivate} disabled={update.isPending}>
              {t('workspace.settings.danger.reactivate')}
            </Button>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3 pt-4">
          <CardDescription className="max-w-prose">{t('workspace.settings.danger.deleteDescription')}</CardDescription>
          <ConfirmDialog
            trigger={
              <Button variant="danger" disabled={remove.isPending}>
                {t('workspace.settings.danger.delete')}
              </Button>
            }
            title={t('workspace.settings.danger.deleteTitle', { workspace: workspace.name })}
            description={t('workspace.settings.danger.deleteDescription')}
            confirmLabel={t('workspace.settings.danger.deleteConfirm')}
            cancelLabel={t('common.cancel')}
            onConfirm={handleDelete}
            destructive
          />
        </div>
      </CardContent>
    </Card>
  );
}

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const workspace = useWorkspace(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('workspace.settings.title')}
        description={workspace.data && t('workspace.settings.subtitle', { workspace: workspace.data.name })}
      />
      {workspace.isError ? (
        <ProblemAlert error={workspace.error} message={t('workspace.settings.loadFailed')} />
      ) : workspace.data ? (
        <>
          <SettingsFormCard key={workspace.data.id} workspace={workspace.data} />
          <PrivacyNoticeCard workspaceId={workspace.data.id} />
          <DangerZone workspace={workspace.data} />
        </>
      ) : (
        <p aria-busy="true" className="text-sm text-slate-500">
          {t('common.loading')}
        </p>
      )}
    </div>
  );
}
