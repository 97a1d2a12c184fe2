import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { ROLES, type Role } from '@/features/auth/permissions';
import { useInviteMember } from '../api/members';

const inviteSchema = z.object({
  email: z.string().trim().min(1, validation('required')).pipe(z.email(validation('email'))),
  role: z.enum(ROLES as [Role, ...Role[]]),
});

type InviteForm = z.infer<typeof inviteSchema>;

type InviteMemberFormProps = {
  workspaceId: string;
  /** The roles the current user may give. */
  roles: Role[];
};

export function InviteMemberForm({ workspaceId, roles }: InviteMemberFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const invite = useInviteMember(workspaceId);
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<InviteForm>({
    resolver: zodResolver(inviteSchema.refine((values) => roles.includes(values.role))),
    defaultValues: { email: '', role: roles.includes('agent') ? 'agent' : roles[0] },
  });

  function handleInvite(values: InviteForm) {
    invite.mutate(values, {
      onSuccess: () => reset({ email: '', role: values.role }),
      onError: (error) => applyServerFieldErrors(error, setError, ['email', 'role']),
    });
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('team.invite.title')}</CardTitle>
        <CardDescription>{t('team.invite.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={handleSubmit(handleInvite)} className="flex flex-col gap-4">
          {invite.isError && <ProblemAlert error={invite.error} message={t('team.invite.failed')} />}
          {invite.isSuccess && <Alert tone="success">{t('team.invite.sent', { email: invite.data.email })}</Alert>}
          <div className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
            <Field label={t('team.invite.email')} error={fieldError(errors.email?.message)}>
              {(control) => <Input {...control} type="email" autoComplete="off" {...register('email')} />}
            </Field>
            <Field label={t('team.invite.role')} error={fieldError(errors.role?.message)}>
              {(control) => (
                <Select {...control} {...register('role')}>
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button type="submit" disabled={invite.isPending} className="sm:mt-6.5">
              {invite.isPending ? t('team.invite.submitting') : t('team.invite.submit')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
