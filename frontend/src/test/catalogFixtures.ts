import type { Category } from '@/features/categories/api/categories';
import type { Customer } from '@/features/customers/api/customers';
import type { Offer } from '@/features/offers/api/offers';
import type { Product } from '@/features/products/api/products';
import type { ListPage } from '@/lib/list';
import type { MockRoute } from './fetchMock';
import { SHOP_ID, shopWorkspace } from './fixtures';

export const WS = `/api/workspaces/${SHOP_ID}`;

export function category(id: string, name: string, overrides: Partial<Category> = {}): Category {
  return {
    id,
    parentId: null,
    name,
    description: '',
    displayOrder: 0,
    active: true,
    productCount: 0,
    createdAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

/** Formaggi (with Formaggi stagionati under it), Salumi, Pasta: as the demo shop, in display order. */
export const categories: Category[] = [
  category('cat-formaggi', 'Formaggi', { displayOrder: 1, productCount: 3 }),
  category('cat-salumi', 'Salumi', { displayOrder: 2, productCount: 3 }),
  category('cat-pasta', 'Pasta', { displayOrder: 3, productCount: 3 }),
  category('cat-stagionati', 'Formaggi stagionati', { parentId: 'cat-formaggi', displayOrder: 1, productCount: 2 }),
];

export function product(id: string, name: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    name,
    description: '',
    sku: id.toUpperCase(),
    price: 1000,
    taxRate: 22,
    stock: 10,
    status: 'active',
    categoryId: null,
    attributes: {},
    language: 'it',
    images: [],
    createdAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

export const parmigiano = product('prod-pr24', 'Parmigiano Reggiano DOP 24 mesi', {
  sku: 'FOR-PR24',
  price: 1890,
  taxRate: 4,
  stock: 40,
  categoryId: 'cat-stagionati',
  attributes: { peso: '500 g', stagionatura: 24 },
});

export const spaghetti = product('prod-spa', 'Spaghetti di Gragnano IGP', {
  sku: 'PAS-SPA',
  price: 390,
  taxRate: 10,
  stock: 200,
  categoryId: 'cat-pasta',
});

export function page<T>(items: T[], total = items.length, pageNumber = 1, limit = 20): ListPage<T> {
  return { items, total, page: pageNumber, limit };
}

export const benvenuto: Offer = {
  id: 'offer-benvenuto',
  name: 'Benvenuto',
  description: 'Il 10% sul primo ordine sopra i 30 euro',
  type: 'percentage',
  value: 10,
  productIds: [],
  categoryIds: [],
  startsAt: null,
  endsAt: null,
  minPurchase: 3000,
  usageLimit: null,
  usageLimitPerCustomer: 1,
  code: 'BENVENUTO10',
  active: true,
  stats: { uses: 4, customers: 4 },
  createdAt: '2026-11-30T10:00:00Z',
};

export const giulia: Customer = {
  id: 'cust-giulia',
  name: 'Giulia Bianchi',
  email: 'customer1@example.com',
  phone: '+393470000011',
  whatsappId: '393470000011',
  language: 'it',
  company: '',
  shippingAddress: {},
  billingAddress: {},
  notes: '',
  tags: ['vip'],
  customFields: {},
  gdprConsent: { givenAt: '2026-11-27T10:00:00Z', version: 'v1' },
  pushOptIn: false,
  blocked: false,
  blockedReason: '',
  registeredAt: '2026-11-27T10:00:00Z',
  createdAt: '2026-11-27T10:00:00Z',
};

/** The workspace (for its currency) and its categories. */
export function catalogRoutes(): Record<string, MockRoute> {
  return {
    [`GET ${WS}`]: { body: shopWorkspace },
    [`GET ${WS}/categories`]: { body: { items: categories, total: categories.length } },
  };
}
