import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { canManageMember, type Role } from '@/features/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { useRevokeInvitation, type Invitation } from '../api/members';

type InvitationsListProps = {
  workspaceId: string;
  invitations: Invitation[];
  viewerRole: Role;
};

export function InvitationsList({ workspaceId, invitations, viewerRole }: InvitationsListProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const revoke = useRevokeInvitation(workspaceId);
  const locale = i18n.resolvedLanguage ?? 'en';

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('team.invitations.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {revoke.isError && <ProblemAlert error={revoke.error} message={t('team.invitations.revokeFailed')} />}
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-500">{t('team.invitations.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
                <div>
                  <p className="font-medium text-slate-900">{invitation.email}</p>
                  <p className="text-xs text-slate-500">
                    {t(`roles.${invitation.role}`)} · {t('team.invitations.expires')}{' '}
                    <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt, locale)}</time>
                  </p>
                </div>
                {canManageMember(viewerRole, invitation.role) && (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t('team.invitations.revokeLabel', { email: invitation.email })}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(invitation.id)}
                  >
                    {t('team.invitations.revoke')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
