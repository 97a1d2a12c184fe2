import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/select';
import { assignableRoles, canManageMember, isRole, type Role } from '@/features/auth/permissions';
import { formatDate } from '@/lib/format';
import { useChangeMemberRole, useRemoveMember, type Member } from '../api/members';

type MembersTableProps = {
  workspaceId: string;
  workspaceName: string;
  members: Member[];
  /** The role of the person looking at the table. */
  viewerRole: Role;
  viewerId: string;
};

export function MembersTable({ workspaceId, workspaceName, members, viewerRole, viewerId }: MembersTableProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const changeRole = useChangeMemberRole(workspaceId);
  const removeMember = useRemoveMember(workspaceId);
  const locale = i18n.resolvedLanguage ?? 'en';
  const roles = assignableRoles(viewerRole);
  const showActions = members.some((member) => canManageMember(viewerRole, member.role));

  function handleRoleChange(member: Member, event: ChangeEvent<HTMLSelectElement>) {
    const role = event.target.value;
    if (isRole(role) && role !== member.role) {
      removeMember.reset();
      changeRole.mutate({ userId: member.userId, role });
    }
  }

  function handleRemove(member: Member) {
    changeRole.reset();
    removeMember.mutate(member.userId);
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('team.members.title')}</CardTitle>
      </CardHeader>
      {changeRole.isError && (
        <ProblemAlert error={changeRole.error} message={t('team.members.changeFailed')} className="m-4 mb-0" />
      )}
      {removeMember.isError && (
        <ProblemAlert error={removeMember.error} message={t('team.members.removeFailed')} className="m-4 mb-0" />
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs tracking-wide text-slate-500 uppercase">
            <tr className="border-b border-slate-100">
              <th scope="col" className="px-5 py-2.5 font-semibold">
                {t('team.members.name')}
              </th>
              <th scope="col" className="px-5 py-2.5 font-semibold">
                {t('team.members.role')}
              </th>
              <th scope="col" className="px-5 py-2.5 font-semibold">
                {t('team.members.joined')}
              </th>
              {showActions && (
                <th scope="col" className="px-5 py-2.5 text-right font-semibold">
                  {t('team.members.actions')}
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const manageable = canManageMember(viewerRole, member.role);
              const displayName = member.name || member.email;
              return (
                <tr key={member.userId}>
                  <td className="px-5 py-3">
                    <div className="flex items-center gap-2 font-medium text-slate-900">
                      {displayName}
                      {member.userId === viewerId && <Badge>{t('team.members.you')}</Badge>}
                    </div>
                    <div className="text-xs text-slate-500">{member.email}</div>
                  </td>
                  <td className="px-5 py-3">
                    {manageable ? (
                      <Select
                        aria-label={t('team.members.roleOf', { name: displayName })}
                        value={member.role}
                        onChange={(event) => handleRoleChange(member, event)}
                        disabled={changeRole.isPending}
                        className="w-40"
                      >
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      t(`roles.${member.role}`)
                    )}
                  </td>
                  <td className="px-5 py-3 whitespace-nowrap text-slate-600">
                    <time dateTime={member.joinedAt}>{formatDate(member.joinedAt, locale)}</time>
                  </td>
                  {showActions && (
                    <td className="px-5 py-3 text-right">
                      {manageable && (
                        <ConfirmDialog
                          trigger={
                            <Button
                              variant="danger-outline"
                              size="sm"
                              aria-label={t('team.members.removeLabel', { name: displayName })}
                              disabled={removeMember.isPending}
                            >
                              {t('team.members.remove')}
                            </Button>
                          }
                          title={t('team.members.removeTitle', { name: displayName })}
                          description={t('team.members.removeDescription', { workspace: workspaceName })}
                          confirmLabel={t('team.members.remove')}
                          cancelLabel={t('common.cancel')}
                          onConfirm={() => handleRemove(member)}
                          destructive
                        />
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
