import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, type MockRoute } from '@/test/fetchMock';
import { benvenuto, catalogRoutes, parmigiano, spaghetti, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import type { PricePreview } from './api/pricing';

const OFFER = `${WS}/offers/${benvenuto.id}`;

/** Deliberately not what the client could compute itself: the page must show the server's numbers. */
const preview: PricePreview = {
  lines: [
    { productId: parmigiano.id, quantity: 2, unitPrice: 1890, subtotal: 3780, discount: 756, total: 3024, tax: 116, offerId: 'offer-formaggi' },
    { productId: spaghetti.id, quantity: 3, unitPrice: 390, subtotal: 1170, discount: 507, total: 663, tax: 60, offerId: 'offer-pasta' },
  ],
  subtotal: 4950,
  automaticDiscount: 888,
  codeDiscount: 375,
  total: 3687,
  tax: 176,
  promoCode: { code: 'BENVENUTO10', applied: true, reason: null },
};

const searchHits = {
  [`GET ${WS}/search`]: ({ url }: { url: URL }) => {
    const q = url.searchParams.get('q') ?? '';
    const items = [parmigiano, spaghetti]
      .filter((product) => product.name.toLowerCase().startsWith(q.slice(0, 4).toLowerCase()))
      .map((product) => ({ type: 'product', id: product.id, title: product.name, snippet: '', score: 1, price: product.price }));
    return { body: { items, total: items.length } };
  },
};

function renderOffer(routes: Record<string, MockRoute> = {}, role: Role = 'admin', path = `/w/${SHOP_ID}/offers/${benvenuto.id}`) {
  const fetchMock = mockFetch({
    ...meRoute(makeMe(role)),
    ...catalogRoutes(),
    [`GET ${OFFER}`]: { body: benvenuto },
    ...searchHits,
    ...routes,
  });
  return { fetchMock, ...renderRoute(path) };
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./OfferFormPage')]), 60_000);

describe('OfferPreview', () => {
  it('prices a sample cart with the saved code and shows the server’s numbers', async () => {
    const { user, fetchMock } = renderOffer({ [`POST ${WS}/pricing/preview`]: { body: preview } });

    const card = await screen.findByRole('region', { name: 'What would this discount be?' });
    expect(within(card).getByText(/and the code BENVENUTO10/)).toBeInTheDocument();
    await user.type(within(card).getByLabelText('Add a product to the cart'), 'parmigano');
    await user.click(await within(card).findByRole('button', { name: 'Add Parmigiano Reggiano DOP 24 mesi' }));
    await user.type(within(card).getByLabelText('Add a product to the cart'), 'spaghetti');
    await user.click(await within(card).findByRole('button', { name: 'Add Spaghetti di Gragnano IGP' }));
    const quantity = within(card).getByRole('spinbutton', { name: 'Quantity of Parmigiano Reggiano DOP 24 mesi' });
    await user.clear(quantity);
    await user.type(quantity, '2');

    const totals = await within(card).findByLabelText('Cart totals');
    await waitFor(() => expect(within(totals).getByText('€49.50')).toBeInTheDocument());
    expect(within(totals).getByText('−€8.88')).toBeInTheDocument();
    expect(within(totals).getByText('−€3.75')).toBeInTheDocument();
    expect(within(totals).getByText('€36.87')).toBeInTheDocument();
    expect(within(totals).getByText('€1.76')).toBeInTheDocument();
    const lines = within(card).getByRole('table', { name: 'Priced cart' });
    const row = within(lines).getByRole('row', { name: /Spaghetti di Gragnano IGP/ });
    expect(within(row).getByText('−€5.07')).toBeInTheDocument();
    expect(within(row).getByText('€6.63')).toBeInTheDocument();

    await waitFor(() => {
      const bodies = callsTo(fetchMock, `${WS}/pricing/preview`, 'POST').map(([, init]) => JSON.parse(String(init?.body)));
      expect(bodies.at(-1)).toEqual({
        lines: [
          { productId: parmigiano.id, quantity: 2 },
          { productId: spaghetti.id, quantity: 1 },
        ],
        promoCode: 'BENVENUTO10',
      });
    });
  });

  it('says why the code does not apply to a cart', async () => {
    const { user } = renderOffer({
      [`POST ${WS}/pricing/preview`]: {
        body: {
          ...preview,
          lines: preview.lines.slice(0, 1),
          codeDiscount: 0,
          promoCode: { code: 'BENVENUTO10', applied: false, reason: 'min_purchase' },
        },
      },
    });

    const card = await screen.findByRole('region', { name: 'What would this discount be?' });
    await user.type(within(card).getByLabelText('Add a product to the cart'), 'parm');
    await user.click(await within(card).findByRole('button', { name: 'Add Parmigiano Reggiano DOP 24 mesi' }));

    expect(await within(card).findByText(/The code BENVENUTO10 does not apply\./)).toHaveTextContent(
      'The cart is below the minimum purchase.',
    );
  });

  it('checks the code against a typed cart value', async () => {
    const { user, fetchMock } = renderOffer({
      [`GET ${WS}/offers/validate/BENVENUTO10`]: ({ url }) =>
        url.searchParams.get('cartValue') === '2000'
          ? { body: { code: 'BENVENUTO10', offerId: benvenuto.id, valid: false, reason: 'min_purchase', discount: 0 } }
          : { body: { code: 'BENVENUTO10', offerId: benvenuto.id, valid: true, reason: null, discount: 450 } },
    });

    const card = await screen.findByRole('region', { name: 'What would this discount be?' });
    const cartValue = within(card).getByLabelText('Or check the code against a cart value (EUR)');
    await user.type(cartValue, '20');
    expect(await within(card).findByText(/The cart is below the minimum purchase\./)).toBeInTheDocument();

    await user.clear(cartValue);
    await user.type(cartValue, '45,00');
    expect(await within(card).findByText('The code BENVENUTO10 gives €4.50 off: the customer pays €40.50.')).toBeInTheDocument();
    const urls = callsTo(fetchMock, `${WS}/offers/validate/BENVENUTO10`).map(([url]) => String(url));
    expect(urls).toContain(`${WS}/offers/validate/BENVENUTO10?cartValue=4500`);
    expect(callsTo(fetchMock, `${WS}/pricing/preview`, 'POST')).toHaveLength(0);
  });
});

describe('OfferFormPage', () => {
  it('creates an amount-off offer in minor units and opens it', async () => {
    const created = { ...benvenuto, id: 'offer-new', name: 'Cinque euro', type: 'fixed_amount', value: 500, code: 'CINQUE' };
    const { user, fetchMock, router } = renderOffer(
      {
        [`POST ${WS}/offers`]: { status: 201, body: created },
        [`GET ${WS}/offers/offer-new`]: { body: created },
        [`GET ${WS}/products/${parmigiano.id}`]: { body: parmigiano },
      },
      'manager',
      `/w/${SHOP_ID}/offers/new`,
    );

    await user.type(await screen.findByLabelText('Name'), 'Cinque euro');
    await user.selectOptions(screen.getByLabelText('Type'), 'fixed_amount');
    await user.type(screen.getByLabelText('Amount off (EUR)'), '0');
    await user.type(screen.getByLabelText('Promo code'), 'CINQUE');
    await user.click(screen.getByRole('button', { name: 'Create offer' }));
    expect(screen.getByLabelText('Amount off (EUR)')).toHaveAccessibleDescription('Enter an amount above zero, such as 5.00.');

    await user.clear(screen.getByLabelText('Amount off (EUR)'));
    await user.type(screen.getByLabelText('Amount off (EUR)'), '5');
    await user.type(screen.getByLabelText('Add a product'), 'parm');
    await user.click(await screen.findByRole('button', { name: 'Add Parmigiano Reggiano DOP 24 mesi' }));
    expect(await screen.findByRole('button', { name: 'Remove Parmigiano Reggiano DOP 24 mesi' })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Formaggi › Formaggi stagionati' }));
    await user.type(screen.getByLabelText('Minimum purchase (EUR)'), '30');
    await user.type(screen.getByLabelText('Uses per customer'), '1');
    await user.click(screen.getByRole('button', { name: 'Create offer' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/offers/offer-new`));
    const [, init] = callsTo(fetchMock, `${WS}/offers`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Cinque euro',
      description: '',
      type: 'fixed_amount',
      value: 500,
      productIds: [parmigiano.id],
      categoryIds: ['cat-stagionati'],
      minPurchase: 3000,
      usageLimitPerCustomer: 1,
      code: 'CINQUE',
      active: true,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cinque euro' })).toBeInTheDocument();
  });

  it('does not let a saved limit be emptied, since the API would keep it', async () => {
    const { user, fetchMock } = renderOffer();

    const perCustomer = await screen.findByLabelText('Uses per customer');
    expect(perCustomer).toHaveValue('1');
    await user.clear(perCustomer);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(perCustomer).toHaveAccessibleDescription('Once saved, this can be changed but not removed.');
    expect(callsTo(fetchMock, OFFER, 'PATCH')).toHaveLength(0);
  });

  it('shows an Agent the offer and its preview, but no way to change it', async () => {
    renderOffer({}, 'agent');

    expect(await screen.findByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete offer' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add a product')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'What would this discount be?' })).toBeInTheDocument();
  });
});
