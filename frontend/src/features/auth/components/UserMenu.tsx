import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useLogout, useMe } from '../api/auth';
import { LOGIN_PATH } from '../session';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts.length === 0 ? '?' : parts.map((part) => part[0]?.toUpperCase() ?? '').slice(0, 2).join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = useCurrentMembership();
  const logout = useLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = me.data?.user;
  if (!user) return null;

  async function handleLogout() {
    try {
      await logout.mutateAsync();
    } catch {
      // The session is over for this browser either way.
    }
    await navigate(LOGIN_PATH, { replace: true });
    queryClient.removeQueries();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t('header.account.label')} className="px-1.5">
          <span
            aria-hidden="true"
            className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700"
          >
            {initials(user.name || user.email)}
          </span>
          <span className="hidden max-w-40 truncate lg:inline">{user.name || user.email}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel className="flex flex-col gap-0.5 tracking-normal normal-case">
          <span className="text-sm font-semibold text-slate-900">{user.name}</span>
          <span className="text-xs font-normal text-slate-500">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {membership && (
          <DropdownMenuItem asChild>
            <Link to={workspaceSectionPath(membership.workspaceId, 'profile')}>{t('header.account.profile')}</Link>
          </DropdownMenuItem>
        )}
        <DropdownMenuItem onSelect={() => void handleLogout()} disabled={logout.isPending}>
          {t('header.account.logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
