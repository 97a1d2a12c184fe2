import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/layout/PageHeader';
import { canOpenSection } from '@/features/auth/permissions';
import { useCurrentMembership } from './useCurrentMembership';
import { WORKSPACE_NAV, workspaceSectionPath } from './workspaceNav';

/** `/w/:workspaceId`: the workspace's name, the user's role and the sections they can open. */
export function WorkspaceHomePage() {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  if (!membership) return null;

  const sections = WORKSPACE_NAV.filter(
    (item) => item.descriptionKey && canOpenSection(membership.role, item.section),
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={membership.workspaceName}
        description={t('workspace.overview.role', { role: t(`roles.${membership.role}`) })}
      />
      <section aria-labelledby="overview-sections" className="flex flex-col gap-3">
        <h2 id="overview-sections" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
          {t('workspace.overview.sections')}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {sections.map((item) => (
            <li key={item.section}>
              <Link
                to={workspaceSectionPath(membership.workspaceId, item.section)}
                className="flex h-full flex-col gap-1.5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <span className="flex items-center gap-2 font-semibold text-slate-900">
                  {item.icon}
                  {t(item.labelKey)}
                </span>
                {item.descriptionKey && <span className="text-sm text-slate-600">{t(item.descriptionKey)}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
