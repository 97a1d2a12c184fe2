import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { SettingsSection } from '@/components/form/SettingsSection';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { formatDateTime } from '@/lib/format';
import {
  PRIVACY_NOTICE_MAX_LENGTH,
  usePrivacyNotice,
  useUpdatePrivacyNotice,
  type PrivacyNotice,
} from '../api/privacyNotice';

const noticeSchema = z.object({
  text: z
    .string()
    .refine((text) => text.trim() !== '', validation('required'))
    .refine((text) => text.length <= PRIVACY_NOTICE_MAX_LENGTH, validation('privacyTooLong')),
});

type NoticeValues = z.infer<typeof noticeSchema>;

/** What the last save did: a new version, or none because the text was the same. */
type Outcome = { version: string; changed: boolean };

function NoticeForm({ workspaceId, notice }: { workspaceId: string; notice: PrivacyNotice }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const update = useUpdatePrivacyNotice(workspaceId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<NoticeValues>({ resolver: zodResolver(noticeSchema), defaultValues: { text: notice.text } });
  const length = useWatch({ control, name: 'text' }).length;

  function handleSave({ text }: NoticeValues) {
    setOutcome(null);
    update.mutate(text, {
      onSuccess: (saved) => {
        reset({ text: saved.text });
        setOutcome({ version: saved.version, changed: saved.version !== notice.version });
      },
      onError: (error) => applyServerFieldErrors(error, setError, ['text']),
    });
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-4 sm:col-span-2">
      {update.isError && <ProblemAlert error={update.error} message={t('workspace.privacy.failed')} />}
      {outcome && !isDirty && (
        <Alert tone="success">
          {outcome.changed
            ? t('workspace.privacy.savedNewVersion', { version: outcome.version })
            : t('workspace.privacy.savedSameVersion', { version: outcome.version })}
        </Alert>
      )}
      <Field
        label={t('workspace.privacy.text')}
        hint={t('workspace.privacy.hint', { used: length, max: PRIVACY_NOTICE_MAX_LENGTH })}
        error={fieldError(errors.text?.message)}
      >
        {(field) => <Textarea {...field} rows={12} {...register('text')} />}
      </Field>
      <p className="text-xs text-slate-600">{t('workspace.privacy.versioning')}</p>
      <div className="flex justify-end">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('workspace.privacy.save')}
        </Button>
      </div>
    </form>
  );
}

/** The workspace's privacy notice, versioned by the server: customers' consents name the version they accepted. */
export function PrivacyNoticeCard({ workspaceId }: { workspaceId: string }) {
  const { t, i18n } = useTranslation();
  const notice = usePrivacyNotice(workspaceId);
  const data = notice.data;

  return (
    <SettingsSection
      title={t('workspace.privacy.title')}
      description={
        data
          ? data.updatedAt
            ? t('workspace.privacy.current', {
                version: data.version,
                date: formatDateTime(data.updatedAt, i18n.resolvedLanguage ?? 'en'),
              })
            : t('workspace.privacy.neverSaved', { version: data.version })
          : t('workspace.privacy.description')
      }
    >
      {notice.isError ? (
        <ProblemAlert error={notice.error} message={t('workspace.privacy.loadFailed')} className="sm:col-span-2" />
      ) : data ? (
        <NoticeForm workspaceId={workspaceId} notice={data} />
      ) : (
        <Loading />
      )}
    </SettingsSection>
  );
}
