/** Orders of the demo shop, for the orders tests. */
import { giulia } from '@/test/catalogFixtures';
import type { Order, OrderSummary } from './api/orders';

export function orderSummary(id: string, code: string, overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id,
    code,
    customer: { id: giulia.id, name: giulia.name },
    status: 'paid',
    paymentStatus: 'paid',
    total: 3780,
    currency: 'EUR',
    createdAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

/** Two cheeses and three packs of pasta with a 10% code, paid by bank transfer. */
export const paidOrder: Order = {
  ...orderSummary('ord-1', 'ORD-2026-000001', { total: 4940 }),
  subtotal: 4833,
  discount: 483,
  tax: 400,
  shipping: 590,
  promoCode: 'BENVENUTO10',
  shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'IT' },
  billingAddress: {},
  notes: '',
  trackingNumber: null,
  trackingUrl: null,
  conversationId: null,
  paymentExpiresAt: null,
  lines: [
    {
      lineNo: 1,
      productId: 'prod-pr24',
      sku: 'FOR-PR24',
      name: 'Parmigiano Reggiano DOP 24 mesi',
      unitPrice: 1890,
      quantity: 2,
      discount: 0,
      total: 3780,
      taxRate: 4,
      tax: 145,
      offerId: null,
    },
    {
      lineNo: 2,
      productId: 'prod-spa',
      sku: 'PAS-SPA',
      name: 'Spaghetti di Gragnano IGP',
      unitPrice: 390,
      quantity: 3,
      discount: 117,
      total: 1053,
      taxRate: 10,
      tax: 96,
      offerId: 'offer-benvenuto',
    },
  ],
  events: [
    { from: null, to: 'pending_payment', actorKind: 'agent', actorId: null, actorName: '', note: '', at: '2026-11-30T10:00:00Z' },
    {
      from: 'pending_payment',
      to: 'paid',
      actorKind: 'operator',
      actorId: 'user-manager',
      actorName: 'Marco Manager',
      note: 'Bonifico ricevuto',
      at: '2026-11-30T11:00:00Z',
    },
  ],
};
