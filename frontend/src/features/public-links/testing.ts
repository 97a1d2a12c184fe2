import { mockFetch, type MockRoute } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';
import type { InvoiceLink, OrderLink, PaymentLink, ProfileLink, PublicOrder } from './api';

/** Links of Bottega Italiana for the tests of the customers' pages. */

export const TOKEN = 'tok_abc123';
export const LINK_PATH = `/api/public/links/${TOKEN}`;

const shop = { name: 'Bottega Italiana', defaultLanguage: 'en' };

/** Two cheeses and three packs of pasta with a discount, awaiting payment. */
export function publicOrder(overrides: Partial<PublicOrder> = {}): PublicOrder {
  return {
    code: 'ORD-2026-000123',
    status: 'pending_payment',
    paymentStatus: 'unpaid',
    currency: 'EUR',
    subtotal: 4833,
    discount: 483,
    tax: 400,
    shipping: 590,
    total: 4940,
    paymentExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    lines: [
      { name: 'Parmigiano Reggiano DOP 24 mesi', sku: 'FOR-PR24', quantity: 2, unitPrice: 1890, discount: 0, total: 3780 },
      { name: 'Spaghetti di Gragnano IGP', sku: 'PAS-SPA', quantity: 3, unitPrice: 390, discount: 117, total: 1053 },
    ],
    ...overrides,
  };
}

export function paymentLink(order: Partial<PublicOrder> = {}, overrides: Partial<PaymentLink> = {}): PaymentLink {
  return {
    type: 'payment',
    expiresAt: '2026-11-30T11:00:00Z',
    workspace: shop,
    order: publicOrder(order),
    payment: { provider: 'test' },
    ...overrides,
  };
}

export function orderLink(overrides: Partial<OrderLink> = {}): OrderLink {
  return {
    type: 'order',
    expiresAt: '2026-12-07T10:00:00Z',
    workspace: shop,
    order: {
      ...publicOrder({ status: 'shipped', paymentStatus: 'paid', paymentExpiresAt: null }),
      events: [
        { toStatus: 'pending_payment', at: '2026-11-30T10:00:00Z' },
        { toStatus: 'paid', at: '2026-11-30T10:05:00Z' },
        { toStatus: 'shipped', at: '2026-12-01T09:30:00Z' },
      ],
      trackingNumber: 'BRT-0012345',
      trackingUrl: 'https://tracking.example/BRT-0012345',
      shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'IT' },
      invoice: { available: true, number: 'FT-2026-0042' },
    },
    ...overrides,
  };
}

export function invoiceLink(overrides: Partial<InvoiceLink> = {}): InvoiceLink {
  return {
    type: 'invoice',
    expiresAt: '2026-12-02T10:00:00Z',
    workspace: shop,
    invoice: {
      number: 'FT-2026-0042',
      issuedAt: '2026-11-30T10:05:00Z',
      orderCode: 'ORD-2026-000123',
      currency: 'EUR',
      seller: { name: 'Bottega Italiana Srl', address: 'Via Garibaldi 10\n40121 Bologna BO\nItalia', vatNumber: 'IT01234567890' },
      buyer: { name: 'Giulia Bianchi', address: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'IT' } },
      lines: [
        { name: 'Parmigiano Reggiano DOP 24 mesi', sku: 'FOR-PR24', quantity: 2, unitPrice: 1890, discount: 0, taxRate: 4, total: 3780 },
        { name: 'Cesto regalo', sku: 'GIFT-01', quantity: 1, unitPrice: 2500, discount: 0, taxRate: 22, total: 2500 },
      ],
      subtotal: 6280,
      discount: 0,
      tax: 596,
      shipping: 590,
      total: 6870,
    },
    ...overrides,
  };
}

export function profileLink(overrides: Partial<ProfileLink> = {}): ProfileLink {
  return {
    type: 'profile',
    expiresAt: '2026-11-30T11:00:00Z',
    workspace: { name: 'Bottega Italiana', defaultLanguage: 'it' },
    customer: {
      name: 'Giulia Bianchi',
      email: 'giulia@example.com',
      phone: '+393331234567',
      language: 'en',
      shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'IT' },
      pushOptIn: false,
      gdprConsent: { given: true, at: '2026-11-02T09:00:00Z', version: 'v2' },
    },
    privacy: { text: 'We keep your data to ship your orders.', version: 'v3' },
    ...overrides,
  };
}

/** The page of `/s/TOKEN` (plus `search`) on a fake server. */
export function renderLink(routes: Record<string, MockRoute>, search = '') {
  const fetchMock = mockFetch(routes);
  return { ...renderRoute(`/s/${TOKEN}${search}`), fetchMock };
}

/** Stands in for `window.location` so that leaving the page for a payment page can be checked. */
export function stubLocationAssign() {
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  return assign;
}
