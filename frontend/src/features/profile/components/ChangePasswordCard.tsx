import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useChangePassword } from '@/features/auth/api/auth';
import { sessionKeys } from '@/features/auth/api/sessions';
import { newPasswordSchema } from '@/features/auth/passwordSchema';
import { isApiError } from '@/lib/api';

const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, validation('required')) })
  .and(newPasswordSchema);

type ChangePasswordForm = z.infer<typeof changePasswordSchema>;

const EMPTY: ChangePasswordForm = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const titleId = useId();
  const queryClient = useQueryClient();
  const changePassword = useChangePassword();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<ChangePasswordForm>({ resolver: zodResolver(changePasswordSchema), defaultValues: EMPTY });

  function handleChange({ currentPassword, newPassword }: ChangePasswordForm) {
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          reset(EMPTY);
          void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
        },
        onError: (error) => {
          if (applyServerFieldErrors(error, setError, ['currentPassword', 'newPassword'])) return;
          if (isApiError(error) && error.status === 401) {
            setError('currentPassword', { type: 'server', message: t('profile.password.wrongCurrent') }, { shouldFocus: true });
          }
        },
      },
    );
  }

  const shownOnFields = errors.currentPassword?.type === 'server' || errors.newPassword?.type === 'server';

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('profile.password.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={handleSubmit(handleChange)} className="flex max-w-md flex-col gap-4">
          {changePassword.isError && !shownOnFields && (
            <ProblemAlert error={changePassword.error} message={t('profile.password.failed')} />
          )}
          {changePassword.isSuccess && <Alert tone="success">{t('profile.password.changed')}</Alert>}
          <Field label={t('profile.password.current')} error={fieldError(errors.currentPassword?.message)}>
            {(control) => (
              <Input {...control} type="password" autoComplete="current-password" {...register('currentPassword')} />
            )}
          </Field>
          <Field
            label={t('profile.password.new')}
            hint={t('auth.passwordHint')}
            error={fieldError(errors.newPassword?.message)}
          >
            {(control) => <Input {...control} type="password" autoComplete="new-password" {...register('newPassword')} />}
          </Field>
          <Field label={t('profile.password.confirm')} error={fieldError(errors.confirmPassword?.message)}>
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" {...register('confirmPassword')} />
            )}
          </Field>
          <div>
            <Button type="submit" disabled={changePassword.isPending}>
              {changePassword.isPending ? t('profile.password.submitting') : t('profile.password.submit')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
