import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useMe } from '@/features/auth/api/auth';
import { canOpenSection, isWorkspaceSection } from '@/features/auth/permissions';
import { useCurrentMembership } from '../useCurrentMembership';
import { sectionOfPath, workspaceSectionPath } from '../workspaceNav';

/** Lists the user's workspaces; switching stays on the same page when the new role allows it. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const current = useCurrentMembership();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const memberships = me.data?.memberships ?? [];

  function handleSelect(workspaceId: string) {
    const target = memberships.find((membership) => membership.workspaceId === workspaceId);
    if (!target || target.workspaceId === current?.workspaceId) return;
    const section = current ? sectionOfPath(pathname) : '';
    const keep = isWorkspaceSection(section) && canOpenSection(target.role, section);
    void navigate(workspaceSectionPath(target.workspaceId, keep ? section : ''));
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="secondary"
          size="sm"
          className="max-w-36 min-w-0 justify-between sm:max-w-56"
          aria-label={current ? `${t('header.workspace.current')} ${current.workspaceName}` : undefined}
        >
          <span className="truncate">{current?.workspaceName ?? t('header.workspace.choose')}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-slate-500">
            <path d="M5.5 7.5 10 12l4.5-4.5z" />
          </svg>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        {memberships.length > 0 && (
          <>
            <DropdownMenuLabel>{t('header.workspace.heading')}</DropdownMenuLabel>
            <DropdownMenuRadioGroup value={current?.workspaceId ?? ''} onValueChange={handleSelect}>
              {memberships.map((membership) => (
                <DropdownMenuRadioItem key={membership.workspaceId} value={membership.workspaceId}>
                  <span className="flex-1 truncate">{membership.workspaceName}</span>
                  <span className="text-xs text-slate-500">{t(`roles.${membership.role}`)}</span>
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
            <DropdownMenuSeparator />
          </>
        )}
        <DropdownMenuItem asChild>
          <Link to="/workspaces/new">
            <span aria-hidden="true" className="w-4 text-center">
              +
            </span>
            {t('header.workspace.create')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
