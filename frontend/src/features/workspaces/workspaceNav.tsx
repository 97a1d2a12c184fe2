import type { ReactNode } from 'react';
import type { en } from '@/i18n/locales/en';
import type { WorkspaceSection } from '@/features/auth/permissions';

type NavLabelKey = `nav.${Exclude<keyof typeof en.nav, 'label'>}`;
type OverviewKey = `workspace.overview.${Exclude<keyof typeof en.workspace.overview, 'role' | 'sections'>}`;

export type WorkspaceNavItem = {
  section: WorkspaceSection;
  labelKey: NavLabelKey;
  /** One line shown on the overview page; the overview itself has none. */
  descriptionKey?: OverviewKey;
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

/**
 * The sections of a workspace in sidebar order. Future sections are added here once their pages
 * exist; `permissions.ts` says who sees each one.
 */
export const WORKSPACE_NAV: readonly WorkspaceNavItem[] = [
  {
    section: '',
    labelKey: 'nav.overview',
    icon: (
      <svg {...iconProps}>
        <path d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" />
      </svg>
    ),
  },
  {
    section: 'inbox',
    labelKey: 'nav.inbox',
    descriptionKey: 'workspace.overview.inbox',
    icon: (
      <svg {...iconProps}>
        <path d="M21 12a8.5 8.5 0 0 1-12.4 7.6L3 21l1.4-5.6A8.5 8.5 0 1 1 21 12Z" />
        <path d="M8 10h8M8 14h5" />
      </svg>
    ),
  },
  {
    section: 'simulator',
    labelKey: 'nav.simulator',
    descriptionKey: 'workspace.overview.simulator',
    icon: (
      <svg {...iconProps}>
        <rect x="6" y="2" width="12" height="20" rx="2.5" />
        <path d="M11 18h2" />
      </svg>
    ),
  },
  {
    section: 'products',
    labelKey: 'nav.products',
    descriptionKey: 'workspace.overview.products',
    icon: (
      <svg {...iconProps}>
        <path d="m21 8-9-5-9 5 9 5 9-5ZM3 8v8l9 5 9-5V8M12 13v8" />
      </svg>
    ),
  },
  {
    section: 'categories',
    labelKey: 'nav.categories',
    descriptionKey: 'workspace.overview.categories',
    icon: (
      <svg {...iconProps}>
        <path d="M4 5h6M4 12h4M4 19h4M14 5h6M12 12h8M12 19h8M8 5v14" />
      </svg>
    ),
  },
  {
    section: 'services',
    labelKey: 'nav.services',
    descriptionKey: 'workspace.overview.services',
    icon: (
      <svg {...iconProps}>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 3" />
      </svg>
    ),
  },
  {
    section: 'faqs',
    labelKey: 'nav.faqs',
    descriptionKey: 'workspace.overview.faqs',
    icon: (
      <svg {...iconProps}>
        <circle cx="12" cy="12" r="9" />
        <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01" />
      </svg>
    ),
  },
  {
    section: 'offers',
    labelKey: 'nav.offers',
    descriptionKey: 'workspace.overview.offers',
    icon: (
      <svg {...iconProps}>
        <path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9-9-9Z" />
        <circle cx="7.5" cy="7.5" r="1.5" />
      </svg>
    ),
  },
  {
    section: 'customers',
    labelKey: 'nav.customers',
    descriptionKey: 'workspace.overview.customers',
    icon: (
      <svg {...iconProps}>
        <rect x="3" y="4" width="18" height="16" rx="2" />
        <circle cx="9" cy="11" r="2.5" />
        <path d="M5.5 17a3.5 3.5 0 0 1 7 0M15 9h3M15 13h3" />
      </svg>
    ),
  },
  {
    section: 'orders',
    labelKey: 'nav.orders',
    descriptionKey: 'workspace.overview.orders',
    icon: (
      <svg {...iconProps}>
        <path d="M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4Z" />
        <path d="M3 6h18M16 10a4 4 0 0 1-8 0" />
      </svg>
    ),
  },
  {
    section: 'team',
    labelKey: 'nav.team',
    descriptionKey: 'workspace.overview.team',
    icon: (
      <svg {...iconProps}>
        <circle cx="9" cy="8" r="3.5" />
        <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6.5 6.5 0 0 1 3.5 6" />
      </svg>
    ),
  },
  {
    section: 'settings',
    labelKey: 'nav.settings',
    descriptionKey: 'workspace.overview.settings',
    icon: (
      <svg {...iconProps}>
        <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
        <circle cx="16" cy="6" r="2" />
        <circle cx="10" cy="12" r="2" />
        <circle cx="18" cy="18" r="2" />
      </svg>
    ),
  },
  {
    section: 'settings/whatsapp',
    labelKey: 'nav.whatsapp',
    descriptionKey: 'workspace.overview.whatsapp',
    icon: (
      <svg {...iconProps}>
        <path d="M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3Z" />
        <path d="M9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.5-2-1-1 .8a4.5 4.5 0 0 1-2.3-2.3l.8-1-1-2z" />
      </svg>
    ),
  },
  {
    section: 'settings/payments',
    labelKey: 'nav.payments',
    descriptionKey: 'workspace.overview.payments',
    icon: (
      <svg {...iconProps}>
        <rect x="2" y="5" width="20" height="14" rx="2" />
        <path d="M2 10h20M6 15h4" />
      </svg>
    ),
  },
  {
    section: 'settings/agent',
    labelKey: 'nav.agent',
    descriptionKey: 'workspace.overview.agent',
    icon: (
      <svg {...iconProps}>
        <rect x="4" y="7" width="16" height="12" rx="3" />
        <path d="M12 3v4M9 12h.01M15 12h.01M9.5 15.5h5M2 12v3M22 12v3" />
      </svg>
    ),
  },
  {
    section: 'agent/usage',
    labelKey: 'nav.agentUsage',
    descriptionKey: 'workspace.overview.agentUsage',
    icon: (
      <svg {...iconProps}>
        <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
      </svg>
    ),
  },
  {
    section: 'mail-outbox',
    labelKey: 'nav.mailOutbox',
    descriptionKey: 'workspace.overview.mailOutbox',
    icon: (
      <svg {...iconProps}>
        <rect x="3" y="5" width="18" height="14" rx="2" />
        <path d="m3 7 9 6 9-6" />
      </svg>
    ),
  },
  {
    section: 'status',
    labelKey: 'nav.status',
    descriptionKey: 'workspace.overview.status',
    icon: (
      <svg {...iconProps}>
        <path d="M22 12h-4l-3 9L9 3l-3 9H2" />
      </svg>
    ),
  },
  {
    section: 'profile',
    labelKey: 'nav.profile',
    descriptionKey: 'workspace.overview.profile',
    icon: (
      <svg {...iconProps}>
        <circle cx="12" cy="8" r="4" />
        <path d="M4 21a8 8 0 0 1 16 0" />
      </svg>
    ),
  },
];

export function workspaceSectionPath(workspaceId: string, section: WorkspaceSection = ''): string {
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return section ? `${base}/${section}` : base;
}

/** The section of a `/w/:workspaceId/<section>/…` path ('' for the overview). */
export function sectionOfPath(pathname: string): string {
  return pathname.split('/')[3] ?? '';
}
