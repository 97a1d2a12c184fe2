import { screen, waitFor, within } from '@testing-library/react';
import { i18n } from '@/i18n/i18n';
import { callsTo, mockFetch, problem, type MockResponse, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import type { AgentUsage, UsageCounters, UsageDay } from './api/usage';

const USAGE = `/api/workspaces/${SHOP_ID}/agent/usage`;

const zero: UsageCounters = {
  inboundMessages: 0,
  agentReplies: 0,
  agentTurns: 0,
  promptTokens: 0,
  completionTokens: 0,
  orders: 0,
  paidOrders: 0,
  revenue: 0,
};

function day(date: string, counters: Partial<UsageCounters> = {}): UsageDay {
  return { day: date, ...zero, ...counters };
}

/** Three days of November, the last one the busiest. */
const november: AgentUsage = {
  from: '2026-11-28',
  to: '2026-11-30',
  currency: 'EUR',
  days: [
    day('2026-11-28', { inboundMessages: 3, agentReplies: 3, agentTurns: 4, promptTokens: 1200, completionTokens: 150 }),
    day('2026-11-29'),
    day('2026-11-30', {
      inboundMessages: 12,
      agentReplies: 10,
      agentTurns: 10,
      promptTokens: 5400,
      completionTokens: 800,
      orders: 2,
      paidOrders: 1,
      revenue: 4590,
    }),
  ],
  totals: {
    inboundMessages: 15,
    agentReplies: 13,
    agentTurns: 14,
    promptTokens: 6600,
    completionTokens: 950,
    orders: 2,
    paidOrders: 1,
    revenue: 123456,
  },
};

/** The usage of the period asked for (`null`: none, the server's default). */
function usageServer(
  answer: (from: string | null, to: string | null) => MockResponse = () => ({ body: november }),
): Record<string, MockRoute> {
  return { [`GET ${USAGE}`]: ({ url }) => answer(url.searchParams.get('from'), url.searchParams.get('to')) };
}

function renderUsage(routes: Record<string, MockRoute> = usageServer(), path = `/w/${SHOP_ID}/agent/usage`, role: Role = 'admin') {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...routes });
  return { fetchMock, ...renderRoute(path) };
}

function requestedUrls(fetchMock: ReturnType<typeof mockFetch>): string[] {
  return callsTo(fetchMock, USAGE, 'GET').map(([url]) => {
    const parsed = new URL(String(url), 'http://localhost');
    return parsed.search;
  });
}

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '');
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./AgentUsagePage'), 60_000);

afterEach(() => i18n.changeLanguage('en'));

describe('AgentUsagePage', () => {
  it('shows the server’s default period with its totals and every day, newest first', async () => {
    const { fetchMock } = renderUsage();

    expect(await screen.findByRole('heading', { level: 1, name: 'AI agent usage' })).toBeInTheDocument();
    expect(await screen.findByLabelText('From')).toHaveValue('2026-11-28');
    expect(screen.getByLabelText('To')).toHaveValue('2026-11-30');
    expect(screen.getByText('From Nov 28, 2026 to Nov 30, 2026, both days included.')).toBeInTheDocument();
    expect(requestedUrls(fetchMock)).toEqual(['']);

    const totals = screen.getByRole('region', { name: 'Totals for the period' });
    const stats = [...totals.querySelectorAll('dt')].map((term) =>
      [term, ...[...(term.parentElement?.querySelectorAll('dd') ?? [])]].map((node) => node.textContent).join(' | '),
    );
    expect(stats).toEqual([
      'Customer messages | 15',
      'Agent replies | 13 | Agent turns: 14',
      'Tokens | 7,550 | Prompt 6,600 · completion 950',
      'Orders | 2 | Paid: 1',
      'Revenue | €1,234.56',
    ]);

    const table = screen.getByRole('table', { name: 'Day by day' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(cells(rows[0] as HTMLElement)).toEqual(['Mon, Nov 30, 2026', '12', '10', '10', '5,400', '800', '2', '1', '€45.90']);
    expect(cells(rows[1] as HTMLElement)).toEqual(['Sun, Nov 29, 2026', '0', '0', '0', '0', '0', '0', '0', '€0.00']);
    expect(cells(rows[2] as HTMLElement)).toEqual(['Sat, Nov 28, 2026', '3', '3', '4', '1,200', '150', '0', '0', '€0.00']);
    // Each day's bar against the busiest day (12 messages).
    expect(within(table).getAllByTestId('messages-bar').map((bar) => bar.style.width)).toEqual(['100%', '0%', '25%']);
    expect(screen.queryByText('No customer messages or orders in this period.')).not.toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'AI agent settings' })).toHaveAttribute('href', `/w/${SHOP_ID}/settings/agent`);
  });

  it('asks for the period chosen and keeps it in the address', async () => {
    const { fetchMock, router, user } = renderUsage(
      usageServer((from, to) => ({ body: from && to ? { ...november, from, to, days: [], totals: zero } : november })),
    );

    const from = await screen.findByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-01-01');
    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '2027-01-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));

    expect(await screen.findByText('No customer messages or orders in this period.')).toBeInTheDocument();
    expect(screen.getByText('From Jan 1, 2026 to Jan 1, 2027, both days included.')).toBeInTheDocument();
    expect(requestedUrls(fetchMock)).toEqual(['', '?from=2026-01-01&to=2027-01-01']);
    expect(router.state.location.search).toBe('?from=2026-01-01&to=2027-01-01');
    expect(within(screen.getByRole('table', { name: 'Day by day' })).getAllByRole('row')).toHaveLength(1);
  });

  it('opens on the period of the address', async () => {
    const { fetchMock } = renderUsage(
      usageServer((from, to) => ({ body: { ...november, from: from ?? '', to: to ?? '' } })),
      `/w/${SHOP_ID}/agent/usage?from=2026-11-28&to=2026-11-30`,
    );

    expect(await screen.findByLabelText('From')).toHaveValue('2026-11-28');
    await screen.findByRole('table', { name: 'Day by day' });
    expect(requestedUrls(fetchMock)).toEqual(['?from=2026-11-28&to=2026-11-30']);
  });

  it('checks the period before asking for it', async () => {
    const { fetchMock, user } = renderUsage();

    const from = await screen.findByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(to).toHaveAccessibleDescription('The last day cannot be before the first.');

    await user.clear(from);
    await user.type(from, '2025-11-29');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(to).toHaveAccessibleDescription('Choose a period of at most 366 days.');

    // 366 days, both ends included, is the longest period.
    await user.clear(from);
    await user.type(from, '2025-11-30');
    await user.clear(to);
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(to).toHaveAccessibleDescription('This field is required.');
    expect(requestedUrls(fetchMock)).toEqual(['']);

    await user.type(to, '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(requestedUrls(fetchMock)).toEqual(['', '?from=2025-11-30&to=2026-11-30']));
  });

  it('shows the server’s refusal of a period at the fields', async () => {
    renderUsage(
      usageServer((from) =>
        from === null
          ? { body: november }
          : problem(422, 'Unprocessable Content', { errors: [{ field: 'from', message: 'must not be in the future' }] }),
      ),
      `/w/${SHOP_ID}/agent/usage?from=2030-01-01&to=2030-01-02`,
    );

    expect(await screen.findByText('must not be in the future')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription('must not be in the future');
    expect(screen.getByLabelText('From')).toHaveValue('2030-01-01');
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the usage.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('writes numbers, days and money in the language of the dashboard', async () => {
    await i18n.changeLanguage('it');
    renderUsage();

    const table = await screen.findByRole('table', { name: 'Giorno per giorno' });
    expect(cells(within(table).getAllByRole('row')[1] as HTMLElement)).toEqual([
      'lun 30 nov 2026',
      '12',
      '10',
      '10',
      '5400',
      '800',
      '2',
      '1',
      '45,90\u00a0€',
    ]);
    expect(screen.getByText('1234,56 €')).toBeInTheDocument();
  });

  it('is linked from the AI agent settings and the navigation, for Admins only', async () => {
    const { user } = renderUsage(
      { ...usageServer(), [`GET /api/workspaces/${SHOP_ID}/agent`]: problem(500, 'Oops') },
      `/w/${SHOP_ID}/settings/agent`,
    );

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Agent usage' })).toHaveAttribute('href', `/w/${SHOP_ID}/agent/usage`);
    await user.click(screen.getByRole('link', { name: 'See usage' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'AI agent usage' })).toBeInTheDocument();
  });

  it('is not open to a manager', async () => {
    const { fetchMock } = renderUsage(usageServer(), `/w/${SHOP_ID}/agent/usage`, 'manager');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(callsTo(fetchMock, USAGE)).toHaveLength(0);
  });
});
