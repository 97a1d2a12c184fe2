import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { useMe } from '@/features/auth/api/auth';
import { assignableRoles, can } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { useTeam } from './api/members';
import { InvitationsList } from './components/InvitationsList';
import { InviteMemberForm } from './components/InviteMemberForm';
import { MembersTable } from './components/MembersTable';

export function TeamPage() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = useCurrentMembership();
  const workspaceId = membership?.workspaceId ?? '';
  const team = useTeam(workspaceId);
  if (!membership || !me.data) return null;

  const canManage = can(membership.role, 'team.manage');

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('team.title')} description={t('team.subtitle', { workspace: membership.workspaceName })} />
      {canManage && <InviteMemberForm workspaceId={workspaceId} roles={assignableRoles(membership.role)} />}
      {team.isError ? (
        <ProblemAlert error={team.error} message={t('team.loadFailed')} />
      ) : team.data ? (
        <>
          <MembersTable
            workspaceId={workspaceId}
            workspaceName={membership.workspaceName}
            members={team.data.items}
            viewerRole={membership.role}
            viewerId={me.data.user.id}
          />
          {canManage && (
            <InvitationsList
              workspaceId={workspaceId}
              invitations={team.data.invitations}
              viewerRole={membership.role}
            />
          )}
        </>
      ) : (
        <p aria-busy="true" className="text-sm text-slate-500">
          {t('common.loading')}
        </p>
      )}
    </div>
  );
}
