import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import type { Me } from './api/auth';
import { useAcceptInvitation, useInvitation, type InvitationPreview } from './api/invitations';
import { AuthCard } from './components/AuthCard';
import { newPasswordSchema } from './passwordSchema';

const newUserSchema = z
  .object({ name: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')) })
  .and(newPasswordSchema);

const existingUserSchema = z.object({
  name: z.string(),
  newPassword: z.string().min(1, validation('required')),
  confirmPassword: z.string(),
});

type AcceptForm = z.infer<typeof existingUserSchema>;

/** The workspace the invitation was for, found in the memberships returned on acceptance. */
function joinedWorkspacePath(invitation: InvitationPreview, me: Me): string {
  const membership =
    me.memberships.find((candidate) => candidate.workspaceId === invitation.workspaceId) ??
    me.memberships.find((candidate) => candidate.workspaceName === invitation.workspaceName);
  return membership ? workspaceSectionPath(membership.workspaceId) : '/';
}

function InvitationUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const gone = isApiError(error) && (error.status === 410 || error.status === 404);
  return (
    <AuthCard
      title={gone && isApiError(error) && error.status === 410 ? t('auth.invite.expired') : t('auth.invite.invalid')}
      footer={
        <Link to="/login" className="font-medium text-brand-700 hover:underline">
          {t('auth.invite.goToLogin')}
        </Link>
      }
    >
      {gone ? <p className="text-sm text-slate-600">{t('auth.invite.askAgain')}</p> : <ProblemAlert error={error} message={t('auth.invite.loadFailed')} />}
    </AuthCard>
  );
}

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const fieldError = useFieldErrorText();
  const { existingUser } = invitation;
  const role = t(`roles.${invitation.role}`);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<AcceptForm>({
    resolver: zodResolver(existingUser ? existingUserSchema : newUserSchema),
    defaultValues: { name: '', newPassword: '', confirmPassword: '' },
  });

  function handleAccept(values: AcceptForm) {
    accept.mutate(
      { name: existingUser ? '' : values.name.trim(), password: values.newPassword },
      {
        onSuccess: (me) => void navigate(joinedWorkspacePath(invitation, me), { replace: true }),
        onError: (error) => {
          if (applyServerFieldErrors(error, setError, ['name'])) return;
          const passwordError = isApiError(error) ? error.problem.errors?.find((e) => e.field === 'password') : undefined;
          if (passwordError) setError('newPassword', { type: 'server', message: passwordError.message });
          else if (existingUser && isApiError(error) && error.status === 401) {
            setError('newPassword', { type: 'server', message: t('auth.invite.wrongPassword') });
          }
        },
      },
    );
  }

  const shownAsFieldError = Boolean(errors.name?.type === 'server' || errors.newPassword?.type === 'server');

  return (
    <AuthCard
      title={t('auth.invite.title', { workspace: invitation.workspaceName })}
      description={
        <div className="flex flex-col gap-1">
          <p>{t('auth.invite.summary', { workspace: invitation.workspaceName, role })}</p>
          <p className="text-xs text-slate-500">
            {t('auth.invite.expires', { date: formatDateTime(invitation.expiresAt, i18n.resolvedLanguage ?? 'en') })}
          </p>
        </div>
      }
    >
      <form noValidate onSubmit={handleSubmit(handleAccept)} className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">
          {existingUser ? t('auth.invite.existingUser') : t('auth.invite.newUser')}
        </p>
        {accept.isError && !shownAsFieldError && (
          isApiError(accept.error) && accept.error.status === 410 ? (
            <Alert>{t('auth.invite.expired')}</Alert>
          ) : (
            <ProblemAlert error={accept.error} message={t('auth.invite.failed')} />
          )
        )}
        <Field label={t('auth.invite.email')}>
          {(control) => <Input {...control} type="email" value={invitation.email} readOnly autoComplete="username" />}
        </Field>
        {!existingUser && (
          <Field label={t('auth.invite.name')} error={fieldError(errors.name?.message)}>
            {(control) => <Input {...control} autoComplete="name" autoFocus {...register('name')} />}
          </Field>
        )}
        <Field
          label={t('auth.invite.password')}
          hint={existingUser ? undefined : t('auth.passwordHint')}
          error={fieldError(errors.newPassword?.message)}
        >
          {(control) => (
            <Input
              {...control}
              type="password"
              autoComplete={existingUser ? 'current-password' : 'new-password'}
              autoFocus={existingUser}
              {...register('newPassword')}
            />
          )}
        </Field>
        {!existingUser && (
          <Field label={t('auth.invite.confirmPassword')} error={fieldError(errors.confirmPassword?.message)}>
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" {...register('confirmPassword')} />
            )}
          </Field>
        )}
        <Button type="submit" disabled={accept.isPending}>
          {accept.isPending ? t('auth.invite.submitting') : t('auth.invite.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}

export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);

  if (invitation.isError) return <InvitationUnavailable error={invitation.error} />;
  if (!invitation.data) {
    return (
      <p aria-busy="true" className="py-24 text-center text-sm text-slate-500">
        {t('auth.invite.loading')}
      </p>
    );
  }
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}
