import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { Header } from './Header';
import { Sidebar } from './Sidebar';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-20"
    >
      {t('app.skipToContent')}
    </a>
  );
}

function Main({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  return (
    <main
      id="main"
      aria-busy={navigation.state === 'loading'}
      className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8 md:py-8"
    >
      {children}
    </main>
  );
}

/** The logged-in layout: header with workspace switcher and account menu, sidebar of the workspace. */
export function AppLayout() {
  const { t } = useTranslation();
  const membership = useCurrentMembership();

  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <Header authenticated />
      <div className="flex flex-1 flex-col md:flex-row">
        <Sidebar />
        <Main>
          {membership?.workspaceStatus === 'inactive' && (
            <Alert tone="warning" className="mb-6">
              {t('workspace.inactive')}
            </Alert>
          )}
          <Outlet />
        </Main>
      </div>
    </div>
  );
}

/** Pages that need no login: sign-in, password reset, invitations, system status, not found. */
export function PublicLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <Header />
      <Main>
        <Outlet />
      </Main>
    </div>
  );
}
