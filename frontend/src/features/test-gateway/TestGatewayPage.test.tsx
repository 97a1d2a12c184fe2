import { screen, waitFor } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';
import { stubLocationAssign } from '@/features/public-links/testing';
import type { TestSession } from './api';

const SESSION = '/api/public/test-gateway/ts_42';

const open: TestSession = {
  shopName: 'Bottega Italiana',
  orderCode: 'ORD-2026-000123',
  amount: 4940,
  currency: 'EUR',
  status: 'open',
  expiresAt: '2026-11-30T11:00:00Z',
};

function renderGateway(routes: Record<string, MockRoute>) {
  const fetchMock = mockFetch(routes);
  return { fetchMock, ...renderRoute('/pay/test/ts_42') };
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./TestGatewayPage'), 60_000);

describe('test payment page', () => {
  it('says it is the shop’s test page, shows the payment and pays it', async () => {
    const assign = stubLocationAssign();
    const { user, fetchMock } = renderGateway({
      [`GET ${SESSION}`]: { body: open },
      [`POST ${SESSION}/pay`]: { body: { redirectUrl: '/s/tok_abc123?payment=success' } },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
    expect(screen.getByText('Test payment page')).toBeInTheDocument();
    expect(
      screen.getByText(
        'This is the test payment page of Bottega Italiana: no real money is charged. Choose whether this payment goes through or is declined.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Order').nextElementSibling).toHaveTextContent('ORD-2026-000123');
    expect(screen.getByText('Amount').nextElementSibling).toHaveTextContent('€49.40');
    expect(screen.getByText('Valid until').nextElementSibling).toHaveTextContent('November 30, 2026');
    // No dashboard around it, and no session calls.
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Pay' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('/s/tok_abc123?payment=success'));
    const calls = callsTo(fetchMock, `${SESSION}/pay`, 'POST');
    expect(calls).toHaveLength(1);
    expect(new Headers(calls[0]?.[1]?.headers).get('X-Requested-With')).toBe('shopme');
    expect(callsTo(fetchMock, `${SESSION}/decline`, 'POST')).toHaveLength(0);
    expect(callsTo(fetchMock, '/api/auth/me')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Decline' })).toBeDisabled();
  });

  it('declines the payment', async () => {
    const assign = stubLocationAssign();
    const { user, fetchMock } = renderGateway({
      [`GET ${SESSION}`]: { body: open },
      [`POST ${SESSION}/decline`]: { body: { redirectUrl: '/s/tok_abc123?payment=cancelled' } },
    });

    await user.click(await screen.findByRole('button', { name: 'Decline' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('/s/tok_abc123?payment=cancelled'));
    expect(callsTo(fetchMock, `${SESSION}/decline`, 'POST')).toHaveLength(1);
    expect(callsTo(fetchMock, `${SESSION}/pay`, 'POST')).toHaveLength(0);
  });

  it.each([
    ['paid', 'This payment has been made.'],
    ['declined', 'This payment was declined.'],
    ['expired', 'This payment session has expired.'],
  ] as const)('offers nothing for a %s session', async (status, text) => {
    renderGateway({ [`GET ${SESSION}`]: { body: { ...open, status } } });

    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Decline' })).not.toBeInTheDocument();
  });

  it('explains a refusal and shows the session as it is now', async () => {
    let status: TestSession['status'] = 'open';
    const assign = stubLocationAssign();
    const { user } = renderGateway({
      [`GET ${SESSION}`]: () => ({ body: { ...open, status } }),
      [`POST ${SESSION}/pay`]: () => {
        status = 'expired';
        return problem(409, 'Conflict', { detail: 'The session has expired.' });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Pay' }));

    expect(await screen.findByText('The session has expired.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The test payment could not be completed.');
    expect(await screen.findByText('This payment session has expired.')).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it('says when the session does not exist', async () => {
    renderGateway({ [`GET ${SESSION}`]: problem(404, 'Not Found') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Unknown payment session' })).toBeInTheDocument();
    expect(screen.getByText(/open the payment link again/)).toBeInTheDocument();
  });
});
