import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { TextLink } from '@/components/ui/text-link';
import { isApiError } from '@/lib/api';
import { useConfirmPasswordReset } from './api/auth';
import { AuthCard } from './components/AuthCard';
import { newPasswordSchema } from './passwordSchema';

type ResetForm = z.infer<typeof newPasswordSchema>;

function ResetError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && (error.status === 410 || error.status === 404)) {
    return (
      <Alert className="flex flex-col items-start gap-1">
        <p>{error.status === 410 ? t('auth.reset.expired') : t('auth.reset.invalid')}</p>
        <TextLink to="/forgot-password" className="text-red-900">
          {t('auth.reset.requestNew')}
        </TextLink>
      </Alert>
    );
  }
  return <ProblemAlert error={error} message={t('auth.reset.failed')} />;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const confirmReset = useConfirmPasswordReset();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ResetForm>({
    resolver: zodResolver(newPasswordSchema),
    defaultValues: { newPassword: '', confirmPassword: '' },
  });

  function handleReset({ newPassword }: ResetForm) {
    confirmReset.mutate(
      { token, newPassword },
      { onError: (error) => applyServerFieldErrors(error, setError, ['newPassword']) },
    );
  }

  const fieldErrorsPlaced = isApiError(confirmReset.error) && confirmReset.error.status === 422 && Boolean(errors.newPassword);

  return (
    <AuthCard title={t('auth.reset.title')}>
      {confirmReset.isSuccess ? (
        <div className="flex flex-col gap-4">
          <Alert tone="success">{t('auth.reset.done')}</Alert>
          <Button asChild>
            <Link to="/login">{t('auth.reset.signIn')}</Link>
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={handleSubmit(handleReset)} className="flex flex-col gap-4">
          {confirmReset.isError && !fieldErrorsPlaced && <ResetError error={confirmReset.error} />}
          <Field
            label={t('auth.reset.newPassword')}
            hint={t('auth.passwordHint')}
            error={fieldError(errors.newPassword?.message)}
          >
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" autoFocus {...register('newPassword')} />
            )}
          </Field>
          <Field label={t('auth.reset.confirmPassword')} error={fieldError(errors.confirmPassword?.message)}>
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" {...register('confirmPassword')} />
            )}
          </Field>
          <Button type="submit" disabled={confirmReset.isPending}>
            {confirmReset.isPending ? t('auth.reset.submitting') : t('auth.reset.submit')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
