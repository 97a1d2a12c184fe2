import { act, screen, within } from '@testing-library/react';
import { mockFetch } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';
import type { Readiness } from './api/readiness';
import type { VersionInfo } from './api/version';

const version: VersionInfo = {
  name: 'shopme',
  version: '0.1.0',
  commit: 'abc123',
  buildTime: '2026-11-30T01:00:00Z',
  uptimeSeconds: 3_725,
};

const ready: Readiness = {
  status: 'ready',
  checks: {
    database: { ok: true, detail: 'PostgreSQL 15.18' },
    migrations: { ok: true, applied: 1, expected: 1, pending: [], drifted: [] },
  },
};

const notReady: Readiness = {
  status: 'not_ready',
  checks: {
    database: { ok: false, detail: 'connection refused' },
    migrations: {
      ok: false,
      applied: 1,
      expected: 3,
      pending: ['0002_catalog.sql', '0003_orders.sql'],
      drifted: ['0001_init.sql'],
    },
  },
};

describe('StatusPage', () => {
  it('shows a ready server with its checks and version', async () => {
    const fetchMock = mockFetch({ '/readyz': { body: ready }, '/api/version': { body: version } });

    renderRoute('/status');

    const overall = await screen.findByRole('region', { name: 'Overall status' });
    expect(within(overall).getByText('Ready')).toBeInTheDocument();
    expect(within(overall).queryByText('Not ready')).not.toBeInTheDocument();

    const checks = screen.getByRole('region', { name: 'Checks' });
    expect(within(checks).getByText('PostgreSQL 15.18')).toBeInTheDocument();
    expect(within(checks).getByText('1 of 1 applied')).toBeInTheDocument();
    expect(within(checks).getAllByText('OK')).toHaveLength(2);
    expect(within(checks).queryByText('Pending')).not.toBeInTheDocument();

    const server = await screen.findByRole('region', { name: 'Server' });
    expect(within(server).getByText('0.1.0')).toBeInTheDocument();
    expect(within(server).getByText('abc123')).toBeInTheDocument();
    expect(within(server).getByText('1h 2m 5s')).toBeInTheDocument();
    expect(within(server).getByText(/2026/)).toHaveAttribute('datetime', '2026-11-30T01:00:00Z');

    for (const [, init] of fetchMock.mock.calls) {
      expect(init).toMatchObject({ method: 'GET', credentials: 'include' });
    }
  });

  it('renders a 503 readiness report as "not ready" with details, not as an error', async () => {
    mockFetch({ '/readyz': { status: 503, body: notReady }, '/api/version': { body: version } });

    renderRoute('/status');

    const overall = await screen.findByRole('region', { name: 'Overall status' });
    expect(within(overall).getByText('Not ready')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const checks = screen.getByRole('region', { name: 'Checks' });
    expect(within(checks).getAllByText('Failing')).toHaveLength(2);
    expect(within(checks).getByText('connection refused')).toBeInTheDocument();
    expect(within(checks).getByText('1 of 3 applied')).toBeInTheDocument();

    const pending = within(checks).getByRole('list', { name: 'Pending' });
    expect(within(pending).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '0002_catalog.sql',
      '0003_orders.sql',
    ]);
    const drifted = within(checks).getByRole('list', { name: 'Drifted' });
    expect(within(drifted).getByText('0001_init.sql')).toBeInTheDocument();
  });

  it('shows problem details when the version request fails', async () => {
    mockFetch({
      '/readyz': { body: ready },
      '/api/version': {
        status: 500,
        contentType: 'application/problem+json',
        body: {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          detail: 'boom',
          requestId: 'req-42',
        },
      },
    });

    renderRoute('/status');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the version information.');
    expect(alert).toHaveTextContent('500 · Internal Server Error — boom');
    expect(alert).toHaveTextContent('Request ID: req-42');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Overall status' })).toHaveTextContent('Ready');
  });

  it('says the server is unreachable when the request fails at the network level', async () => {
    mockFetch({ '/readyz': new TypeError('Failed to fetch'), '/api/version': new TypeError('Failed to fetch') });

    renderRoute('/status');

    const alerts = await screen.findAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent('Could not load the readiness report.');
    expect(alerts[0]).toHaveTextContent('The server could not be reached.');
  });

  it('polls readiness and version every 10 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let readyCalls = 0;
      const fetchMock = mockFetch({
        '/readyz': () => {
          readyCalls += 1;
          return readyCalls === 1 ? { body: ready } : { status: 503, body: notReady };
        },
        '/api/version': { body: version },
      });

      renderRoute('/status');
      expect(await screen.findByText('Ready')).toBeInTheDocument();
      expect(fetchMock).toHaveBeenCalledTimes(2);

      await act(() => vi.advanceTimersByTimeAsync(10_000));

      expect(await screen.findByText('Not ready')).toBeInTheDocument();
      expect(fetchMock).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
