import { screen } from '@testing-library/react';
import type { Role } from '@/features/auth/permissions';
import { mockFetch } from '@/test/fetchMock';
import { benvenuto, catalogRoutes, giulia, page, parmigiano, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

const SECTIONS = [
  { section: 'products', heading: 'Products', create: 'New product', item: parmigiano.name },
  { section: 'categories', heading: 'Categories', create: 'Create category', item: 'Formaggi stagionati' },
  { section: 'services', heading: 'Services', create: 'New service', item: 'Confezione regalo' },
  { section: 'faqs', heading: 'FAQs', create: 'New FAQ', item: 'Quanto costa la spedizione?' },
  { section: 'offers', heading: 'Offers', create: 'New offer', item: benvenuto.name },
  { section: 'customers', heading: 'Customers', create: 'New customer', item: giulia.name },
] as const;

function renderSection(role: Role, section: string) {
  mockFetch({
    ...meRoute(makeMe(role)),
    ...catalogRoutes(),
    [`GET ${WS}/products`]: { body: page([parmigiano]) },
    [`GET ${WS}/services`]: {
      body: page([
        {
          id: 'svc-1',
          name: 'Confezione regalo',
          description: '',
          price: 350,
          taxRate: 22,
          durationMinutes: null,
          active: true,
          language: 'it',
          createdAt: '2026-11-30T10:00:00Z',
        },
      ]),
    },
    [`GET ${WS}/faqs`]: {
      body: page([
        {
          id: 'faq-1',
          question: 'Quanto costa la spedizione?',
          answer: '6,90 euro.',
          language: 'it',
          active: true,
          createdAt: '2026-11-30T10:00:00Z',
        },
      ]),
    },
    [`GET ${WS}/offers`]: { body: page([benvenuto]) },
    [`GET ${WS}/customers`]: { body: page([giulia]) },
  });
  return renderRoute(`/w/${SHOP_ID}/${section}`);
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(
  () =>
    Promise.all([
      import('@/features/products/ProductsPage'),
      import('@/features/categories/CategoriesPage'),
      import('@/features/services/ServicesPage'),
      import('@/features/faqs/FaqsPage'),
      import('@/features/offers/OffersPage'),
      import('@/features/customers/CustomersPage'),
    ]),
  60_000,
);

describe('catalog and customers access', () => {
  it.each(SECTIONS)('lets an Agent read $section without any way to create', async ({ section, heading, create, item }) => {
    renderSection('agent', section);

    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(await screen.findByText(item)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: create })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: create })).not.toBeInTheDocument();
  });

  it.each(SECTIONS)('gives a Manager the way to create in $section', async ({ section, create, item }) => {
    renderSection('manager', section);

    expect(await screen.findByText(item)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: create }) ?? screen.queryByRole('button', { name: create })).toBeInTheDocument();
  });

  it.each(['products', 'services', 'faqs', 'offers', 'customers'])('keeps an Agent out of /%s/new', async (section) => {
    renderSection('agent', `${section}/new`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
  });
});
