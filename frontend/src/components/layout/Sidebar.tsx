import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { en } from '@/i18n/locales/en';
import { cn } from '@/lib/cn';

type NavLabelKey = `nav.${Exclude<keyof typeof en.nav, 'label'>}`;

type NavItem = {
  to: string;
  labelKey: NavLabelKey;
  icon: ReactNode;
};

const iconProps = {
  'aria-hidden': true,
  className: 'size-4 shrink-0',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  viewBox: '0 0 24 24',
} as const;

/** Add new sections here as features land (conversations, orders, catalog, settings...). */
const NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/status',
    labelKey: 'nav.status',
    icon: (
      <svg {...iconProps}>
        <path d="M22 12h-4l-3 9L9 3l-3 9H2" />
      </svg>
    ),
  },
];

export function Sidebar() {
  const { t } = useTranslation();

  return (
    <nav
      aria-label={t('nav.label')}
      className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0"
    >
      <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col md:p-3">
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
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
