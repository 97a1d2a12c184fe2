import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { callsTo, problem } from '@/test/fetchMock';
import type { PaymentLink } from './api';
import { CONFIRM_FOR_MS } from './PaymentView';
import { LINK_PATH, paymentLink, renderLink, stubLocationAssign } from './testing';

const CHECKOUT = `${LINK_PATH}/checkout`;

/** The link's answers in turn; the last one is repeated. */
function answers(...links: PaymentLink[]) {
  let calls = 0;
  return () => ({ body: links[Math.min(calls++, links.length - 1)] });
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PublicLinkPage'), 60_000);

afterEach(() => vi.useRealTimers());

describe('payment link', () => {
  it('shows the order, the time left and goes to the payment page', async () => {
    const assign = stubLocationAssign();
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: paymentLink() },
      [`POST ${CHECKOUT}`]: { body: { redirectUrl: 'https://pay.example/session/cs_1' } },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Order ORD-2026-000123' })).toBeInTheDocument();
    expect(screen.getByText('Bottega Italiana')).toBeInTheDocument();
    expect(screen.getByText(/^Time left to pay: 1[45]m \d+s$/)).toBeInTheDocument();
    expect(screen.getByText('Test payment: no real money is charged.')).toBeInTheDocument();

    const items = within(screen.getByRole('list', { name: 'Items' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Parmigiano Reggiano DOP 24 mesi2 × €18.90€37.80',
      'Spaghetti di Gragnano IGP3 × €3.90 · discount €1.17€10.53',
    ]);
    const totals = screen.getByLabelText('Totals');
    expect([...totals.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`)).toEqual([
      'Subtotal: €48.33',
      'Discount: -€4.83',
      'Shipping: €5.90',
      'Total: €49.40',
      'Tax included: €4.00',
    ]);

    await user.click(screen.getByRole('button', { name: 'Pay now' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://pay.example/session/cs_1'));
    const [call] = callsTo(fetchMock, CHECKOUT, 'POST');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({});
    expect(new Headers(call?.[1]?.headers).get('X-Requested-With')).toBe('shopme');
    expect(screen.getByRole('button', { name: 'Opening the payment page…' })).toBeDisabled();
    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(0);

    // Back from the payment page with the browser's Back button: the page is usable again.
    act(() => {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    });
    expect(await screen.findByRole('button', { name: 'Pay now' })).toBeEnabled();
  });

  it('speaks the shop’s language and says when Stripe takes the payment', async () => {
    renderLink({
      [LINK_PATH]: { body: paymentLink({}, { workspace: { name: 'Bottega Italiana', defaultLanguage: 'it' }, payment: { provider: 'stripe' } }) },
    });

    expect(await screen.findByRole('button', { name: 'Paga ora' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Ordine ORD-2026-000123' })).toBeInTheDocument();
    expect(screen.getByText('Pagherai su una pagina sicura di Stripe.')).toBeInTheDocument();
    expect(screen.getByText(/^Tempo rimasto per pagare:/)).toBeInTheDocument();
  });

  it('says when the order can no longer be paid, with its status now', async () => {
    const assign = stubLocationAssign();
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: answers(paymentLink(), paymentLink({ status: 'cancelled' })),
      [`POST ${CHECKOUT}`]: problem(409, 'Conflict', { code: 'order-not-payable', detail: 'The order is cancelled.' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Pay now' }));

    expect(await screen.findByText('This order can no longer be paid.')).toBeInTheDocument();
    expect(await screen.findByText('Order status: Cancelled.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay now' })).not.toBeInTheDocument();
    expect(callsTo(fetchMock, LINK_PATH, 'GET')).toHaveLength(2);
    expect(assign).not.toHaveBeenCalled();
  });

  it.each([
    ['expired', 'Expired'],
    ['cancelled', 'Cancelled'],
  ] as const)('offers no payment for an order that is %s', async (status, label) => {
    renderLink({ [LINK_PATH]: { body: paymentLink({ status }) } });

    expect(await screen.findByText('This order can no longer be paid.')).toBeInTheDocument();
    expect(screen.getByText(`Order status: ${label}.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay now' })).not.toBeInTheDocument();
  });

  it('offers no payment once the time to pay has run out', async () => {
    renderLink({ [LINK_PATH]: { body: paymentLink({ paymentExpiresAt: '2026-01-01T00:00:00Z' }) } });

    expect(await screen.findByText('The time to pay this order has run out.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay now' })).not.toBeInTheDocument();
  });

  it('shows a paid order as paid, without the button', async () => {
    renderLink({ [LINK_PATH]: { body: paymentLink({ status: 'paid', paymentStatus: 'paid' }) } });

    expect(await screen.findByText('Paid — you will receive the confirmation on WhatsApp.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay now' })).not.toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Items' })).toBeInTheDocument();
  });

  it('waits for the confirmation after the payment page sends the customer back', async () => {
    const { fetchMock } = renderLink(
      { [LINK_PATH]: answers(paymentLink(), paymentLink({ status: 'paid', paymentStatus: 'paid' })) },
      '?payment=success',
    );

    expect(await screen.findByText('Payment received, confirming…')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay now' })).not.toBeInTheDocument();
    expect(await screen.findByText('Paid — you will receive the confirmation on WhatsApp.')).toBeInTheDocument();
    expect(screen.queryByText('Payment received, confirming…')).not.toBeInTheDocument();
    expect(callsTo(fetchMock, LINK_PATH, 'GET')).toHaveLength(2);
  });

  it('stops asking after 30 seconds and lets the customer check again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fetchMock } = renderLink({ [LINK_PATH]: answers(paymentLink()) }, '?payment=success');

    expect(await screen.findByText('Payment received, confirming…')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(CONFIRM_FOR_MS + 1_000));
    expect(screen.getByText(/We have not received the confirmation of your payment yet/)).toBeInTheDocument();
    const asked = callsTo(fetchMock, LINK_PATH, 'GET').length;
    expect(asked).toBeGreaterThanOrEqual(14);
    expect(asked).toBeLessThanOrEqual(17);

    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(callsTo(fetchMock, LINK_PATH, 'GET')).toHaveLength(asked);

    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(callsTo(fetchMock, LINK_PATH, 'GET')).toHaveLength(asked + 1));
    expect(screen.getByText('Payment received, confirming…')).toBeInTheDocument();
  });

  it('offers to pay again when the payment was not completed', async () => {
    renderLink({ [LINK_PATH]: { body: paymentLink() } }, '?payment=cancelled');

    expect(await screen.findByText('Payment not completed. You can try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pay now' })).toBeEnabled();
  });

  it('explains a failure to start the payment', async () => {
    const assign = stubLocationAssign();
    const { user } = renderLink({
      [LINK_PATH]: { body: paymentLink() },
      [`POST ${CHECKOUT}`]: problem(502, 'Bad Gateway', { detail: 'The payment provider did not answer.' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Pay now' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The payment could not be started.');
    expect(alert).toHaveTextContent('The payment provider did not answer.');
    expect(screen.getByRole('button', { name: 'Pay now' })).toBeEnabled();
    expect(assign).not.toHaveBeenCalled();
  });
});
