import type { IndexRouteObject, RouteObject } from 'react-router';
import { AppLayout, PublicLayout } from '@/components/layout/AppLayout';
import { AppLoading } from '@/components/layout/AppLoading';
import { RouteError } from '@/components/layout/RouteError';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { RequirePermission } from '@/features/auth/components/RequirePermission';
import type { Permission, WorkspaceSection } from '@/features/auth/permissions';
import { HomeRedirect } from '@/features/workspaces/components/HomeRedirect';
import { WorkspaceGuard } from '@/features/workspaces/components/WorkspaceGuard';

const notFound: RouteObject = {
  path: '*',
  lazy: async () => ({ Component: (await import('@/features/not-found/NotFoundPage')).NotFoundPage }),
};

const loadStatusPage = async () => ({ Component: (await import('@/features/status/StatusPage')).StatusPage });

type Lazy = IndexRouteObject['lazy'];

// One page for both paths: the open conversation, if any, comes from the URL.
const loadInboxPage: Lazy = async () => ({ Component: (await import('@/features/inbox/InboxPage')).InboxPage });

/**
 * A workspace page behind the permission its section needs (see `permissions.ts`), with optional
 * sub-pages (`new`, `:id`...).
 */
function guarded(section: WorkspaceSection, lazy: Lazy, children: RouteObject[] = []): RouteObject {
  return {
    path: section,
    element: <RequirePermission section={section} />,
    children: [{ index: true, lazy }, ...children],
  };
}

/** A sub-page that needs a permission beyond its section's, e.g. creating where others may only read. */
function requiring(section: WorkspaceSection, permission: Permission, path: string, lazy: Lazy): RouteObject {
  return {
    element: <RequirePermission section={section} permission={permission} />,
    children: [{ path, lazy }],
  };
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
      // Customers' pages from links sent on WhatsApp: no login, and their own frame.
      {
        path: 's/:token',
        lazy: async () => ({ Component: (await import('@/features/public-links/PublicLinkPage')).PublicLinkPage }),
      },
      // The test payment provider's payment page, opened from a payment link's "Pay now".
      {
        path: 'pay/test/:sessionId',
        lazy: async () => ({ Component: (await import('@/features/test-gateway/TestGatewayPage')).TestGatewayPage }),
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
                  guarded('inbox', loadInboxPage, [{ path: ':conversationId', lazy: loadInboxPage }]),
                  guarded('simulator', async () => ({
                    Component: (await import('@/features/simulator/SimulatorPage')).SimulatorPage,
                  })),
                  guarded(
                    'products',
                    async () => ({ Component: (await import('@/features/products/ProductsPage')).ProductsPage }),
                    [
                      requiring('products', 'catalog.manage', 'new', async () => ({
                        Component: (await import('@/features/products/ProductFormPage')).NewProductPage,
                      })),
                      {
                        path: ':productId',
                        lazy: async () => ({
                          Component: (await import('@/features/products/ProductFormPage')).EditProductPage,
                        }),
                      },
                    ],
                  ),
                  guarded('categories', async () => ({
                    Component: (await import('@/features/categories/CategoriesPage')).CategoriesPage,
                  })),
                  guarded(
                    'services',
                    async () => ({ Component: (await import('@/features/services/ServicesPage')).ServicesPage }),
                    [
                      requiring('services', 'catalog.manage', 'new', async () => ({
                        Component: (await import('@/features/services/ServiceFormPage')).NewServicePage,
                      })),
                      {
                        path: ':serviceId',
                        lazy: async () => ({
                          Component: (await import('@/features/services/ServiceFormPage')).EditServicePage,
                        }),
                      },
                    ],
                  ),
                  guarded(
                    'faqs',
                    async () => ({ Component: (await import('@/features/faqs/FaqsPage')).FaqsPage }),
                    [
                      requiring('faqs', 'catalog.manage', 'new', async () => ({
                        Component: (await import('@/features/faqs/FaqFormPage')).NewFaqPage,
                      })),
                      {
                        path: ':faqId',
                        lazy: async () => ({ Component: (await import('@/features/faqs/FaqFormPage')).EditFaqPage }),
                      },
                    ],
                  ),
                  guarded(
                    'offers',
                    async () => ({ Component: (await import('@/features/offers/OffersPage')).OffersPage }),
                    [
                      requiring('offers', 'offers.manage', 'new', async () => ({
                        Component: (await import('@/features/offers/OfferFormPage')).NewOfferPage,
                      })),
                      {
                        path: ':offerId',
                        lazy: async () => ({
                          Component: (await import('@/features/offers/OfferFormPage')).EditOfferPage,
                        }),
                      },
                    ],
                  ),
                  guarded(
                    'customers',
                    async () => ({ Component: (await import('@/features/customers/CustomersPage')).CustomersPage }),
                    [
                      requiring('customers', 'customers.manage', 'new', async () => ({
                        Component: (await import('@/features/customers/NewCustomerPage')).NewCustomerPage,
                      })),
                      {
                        path: ':customerId',
                        lazy: async () => ({
                          Component: (await import('@/features/customers/CustomerDetailPage')).CustomerDetailPage,
                        }),
                      },
                    ],
                  ),
                  guarded(
                    'orders',
                    async () => ({ Component: (await import('@/features/orders/OrdersPage')).OrdersPage }),
                    [
                      requiring('orders', 'orders.manage', 'new', async () => ({
                        Component: (await import('@/features/orders/NewOrderPage')).NewOrderPage,
                      })),
                      {
                        path: ':orderId',
                        lazy: async () => ({
                          Component: (await import('@/features/orders/OrderDetailPage')).OrderDetailPage,
                        }),
                      },
                    ],
                  ),
                  guarded('team', async () => ({ Component: (await import('@/features/team/TeamPage')).TeamPage })),
                  guarded('settings', async () => ({
                    Component: (await import('@/features/workspaces/WorkspaceSettingsPage')).WorkspaceSettingsPage,
                  })),
                  guarded('settings/whatsapp', async () => ({
                    Component: (await import('@/features/channel/ChannelSettingsPage')).ChannelSettingsPage,
                  })),
                  guarded('settings/payments', async () => ({
                    Component: (await import('@/features/payments/PaymentSettingsPage')).PaymentSettingsPage,
                  })),
                  guarded('settings/agent', async () => ({
                    Component: (await import('@/features/agent-settings/AgentSettingsPage')).AgentSettingsPage,
                  })),
                  guarded('agent/usage', async () => ({
                    Component: (await import('@/features/agent-usage/AgentUsagePage')).AgentUsagePage,
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
