import type { IndexRouteObject, RouteObject } from 'react-router';
import { AppLayout, PublicLayout } from '@/components/layout/AppLayout';
import { AppLoading } from '@/components/layout/AppLoading';
import { RouteError } from '@/components/layout/RouteError';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { RequirePermission } from '@/features/auth/components/RequirePermission';
import type { WorkspaceSection } from '@/features/auth/permissions';
import { HomeRedirect } from '@/features/workspaces/components/HomeRedirect';
import { WorkspaceGuard } from '@/features/workspaces/components/WorkspaceGuard';

const notFound: RouteObject = {
  path: '*',
  lazy: async () => ({ Component: (await import('@/features/not-found/NotFoundPage')).NotFoundPage }),
};

const loadStatusPage = async () => ({ Component: (await import('@/features/status/StatusPage')).StatusPage });

/** A workspace page behind the permission its section needs (see `permissions.ts`). */
function guarded(section: WorkspaceSection, lazy: IndexRouteObject['lazy']): RouteObject {
  return { path: section, element: <RequirePermission section={section} />, children: [{ index: true, lazy }] };
}

/** The single route table. Pages are code-split: each one is loaded on first visit. */
export const routes: RouteObject[] = [
  {
    path: '/',
    errorElement: <RouteError />,
    HydrateFallback: AppLoading,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            path: 'login',
            lazy: async () => ({ Component: (await import('@/features/auth/LoginPage')).LoginPage }),
          },
          {
            path: 'forgot-password',
            lazy: async () => ({
              Component: (await import('@/features/auth/ForgotPasswordPage')).ForgotPasswordPage,
            }),
          },
          {
            path: 'reset-password/:token',
            lazy: async () => ({ Component: (await import('@/features/auth/ResetPasswordPage')).ResetPasswordPage }),
          },
          {
            path: 'invite/:token',
            lazy: async () => ({ Component: (await import('@/features/auth/InvitationPage')).InvitationPage }),
          },
          // Operators need the server's health without an account.
          { path: 'status', lazy: loadStatusPage },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            element: <AppLayout />,
            children: [
              {
                path: 'workspaces/new',
                lazy: async () => ({
                  Component: (await import('@/features/workspaces/CreateWorkspacePage')).CreateWorkspacePage,
                }),
              },
              {
                path: 'w/:workspaceId',
                element: <WorkspaceGuard />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('@/features/workspaces/WorkspaceHomePage')).WorkspaceHomePage,
                    }),
                  },
                  guarded('team', async () => ({ Component: (await import('@/features/team/TeamPage')).TeamPage })),
                  guarded('settings', async () => ({
                    Component: (await import('@/features/workspaces/WorkspaceSettingsPage')).WorkspaceSettingsPage,
                  })),
                  guarded('mail-outbox', async () => ({
                    Component: (await import('@/features/mail-outbox/MailOutboxPage')).MailOutboxPage,
                  })),
                  guarded('status', loadStatusPage),
                  guarded('profile', async () => ({
                    Component: (await import('@/features/profile/ProfilePage')).ProfilePage,
                  })),
                  notFound,
                ],
              },
            ],
          },
        ],
      },
      { element: <PublicLayout />, children: [notFound] },
    ],
  },
];
