import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from '@/components/layout/AppLayout';
import { AppLoading } from '@/components/layout/AppLoading';
import { RouteError } from '@/components/layout/RouteError';

/** The single route table. Pages are code-split: each one is loaded on first visit. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    HydrateFallback: AppLoading,
    children: [
      { index: true, element: <Navigate to="/status" replace /> },
      {
        path: 'status',
        lazy: async () => ({ Component: (await import('@/features/status/StatusPage')).StatusPage }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('@/features/not-found/NotFoundPage')).NotFoundPage }),
      },
    ],
  },
];
