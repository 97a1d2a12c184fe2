import { screen } from '@testing-library/react';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { page, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Service } from './api/services';

const transfer: Service = {
  id: 'svc-transfer',
  name: 'Transfer aeroporto',
  description: 'Auto privata da e per Malpensa',
  price: 9000,
  taxRate: 10,
  durationMinutes: 90,
  active: true,
  language: 'it',
  createdAt: '2026-11-30T10:00:00Z',
};

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./ServiceFormPage'), import('./ServicesPage')]), 60_000);

describe('ServiceFormPage', () => {
  it('creates a service with its price in minor units and an optional duration', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WS}`]: { body: shopWorkspace },
      [`GET ${WS}/services`]: { body: page([transfer]) },
      [`POST ${WS}/services`]: ({ body }) => ({ status: 201, body: { ...transfer, ...(body as object), id: 'svc-new' } }),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/services/new`);

    await user.type(await screen.findByLabelText('Name'), 'Confezione regalo');
    await user.type(screen.getByLabelText('Price'), '3,50');
    await user.click(screen.getByRole('button', { name: 'Create service' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, `${WS}/services`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Confezione regalo',
      price: 350,
      taxRate: 22,
      active: true,
      language: 'it',
      description: '',
    });
  });

  it('keeps a saved duration, since the API cannot remove it', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('manager')),
      [`GET ${WS}`]: { body: shopWorkspace },
      [`GET ${WS}/services/${transfer.id}`]: { body: transfer },
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/services/${transfer.id}`);

    const duration = await screen.findByLabelText('Duration (minutes)');
    expect(screen.getByLabelText('Price')).toHaveValue('90.00');
    await user.clear(duration);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(duration).toHaveAccessibleDescription('Once saved, a duration can be changed but not removed.');
    expect(callsTo(fetchMock, `${WS}/services/${transfer.id}`, 'PATCH')).toHaveLength(0);
  });
});
