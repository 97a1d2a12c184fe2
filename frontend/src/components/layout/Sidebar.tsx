import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { canOpenSection } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { WORKSPACE_NAV, workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { cn } from '@/lib/cn';

/** The sections of the current workspace that the user's role may open. */
export function Sidebar() {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  if (!membership) return null;

  const items = WORKSPACE_NAV.filter((item) => canOpenSection(membership.role, item.section));
  // A section with its own sub-sections in the sidebar (settings → settings/whatsapp) is only
  // current on its own page, not on theirs.
  const hasSubsections = (section: string) => WORKSPACE_NAV.some((other) => other.section.startsWith(`${section}/`));

  return (
    <nav
      aria-label={t('nav.label')}
      className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0"
    >
      <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col md:p-3">
        {items.map((item) => (
          <li key={item.section}>
            <NavLink
              to={workspaceSectionPath(membership.workspaceId, item.section)}
              end={item.section === '' || hasSubsections(item.section)}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600',
                  isActive && 'bg-brand-50 text-brand-700 hover:bg-brand-50 hover:text-brand-700',
                )
              }
            >
              {item.icon}
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
