import { screen, waitFor } from '@testing-library/react';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { page, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Faq } from './api/faqs';

const faq: Faq = {
  id: 'faq-en',
  question: 'How much is shipping?',
  answer: 'Shipping in Italy costs 6.90 euros.',
  language: 'en',
  active: true,
  createdAt: '2026-11-30T10:00:00Z',
};

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./FaqsPage'), import('./FaqFormPage')]), 60_000);

describe('FaqsPage', () => {
  it('filters the FAQs by language and status', async () => {
    const fetchMock = mockFetch({ ...meRoute(makeMe('admin')), [`GET ${WS}/faqs`]: { body: page([faq]) } });
    const { user } = renderRoute(`/w/${SHOP_ID}/faqs`);

    expect(await screen.findByRole('link', { name: 'How much is shipping?' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'English');
    await user.selectOptions(screen.getByLabelText('Status'), 'Inactive');

    await waitFor(() => {
      const [url] = callsTo(fetchMock, `${WS}/faqs`).at(-1) ?? [];
      expect(String(url)).toBe(`${WS}/faqs?active=false&language=en&page=1&limit=20`);
    });
  });

  it('creates a FAQ in the chosen language', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('manager')),
      [`GET /api/workspaces/${SHOP_ID}`]: {
        body: { id: SHOP_ID, name: 'Bottega Italiana', defaultLanguage: 'it', currency: 'EUR' },
      },
      [`GET ${WS}/faqs`]: { body: page([faq]) },
      [`POST ${WS}/faqs`]: ({ body }) => ({ status: 201, body: { ...faq, ...(body as object), id: 'faq-new' } }),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/faqs/new`);

    await user.click(await screen.findByRole('button', { name: 'Create FAQ' }));
    expect(screen.getByLabelText('Question')).toHaveAccessibleDescription('This field is required.');
    await user.type(screen.getByLabelText('Question'), '¿Cuánto cuesta el envío?');
    await user.type(screen.getByLabelText('Answer'), 'El envío a Italia cuesta 6,90 euros.');
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('it');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'es');
    await user.click(screen.getByRole('button', { name: 'Create FAQ' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'FAQs' })).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, `${WS}/faqs`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      question: '¿Cuánto cuesta el envío?',
      answer: 'El envío a Italia cuesta 6,90 euros.',
      language: 'es',
      active: true,
    });
  });
});
