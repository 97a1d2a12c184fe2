import { act, screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { catalogRoutes, giulia, page, parmigiano, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import { countCsvRows, type ImportReport } from './csvImport';

/** A stand-in for XMLHttpRequest: records the request and lets the test drive its events. */
class FakeXhr {
  static instances: FakeXhr[] = [];
  method = '';
  url = '';
  withCredentials = false;
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  private responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: Partial<ProgressEvent>) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.instances.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ loaded, total, lengthComputable: true }));
  }
  uploaded() {
    act(() => this.upload.onload?.());
  }
  respond(status: number, body: unknown, contentType = 'application/json') {
    act(() => {
      this.upload.onload?.();
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.responseHeaders['content-type'] = contentType;
      this.onload?.();
    });
  }
}

function lastXhr(): FakeXhr {
  const xhr = FakeXhr.instances.at(-1);
  if (!xhr) throw new Error('no upload was sent');
  return xhr;
}

const CSV = 'sku,name,price\nPR24,Parmigiano,18.90\n"SPA","Spaghetti\nlunghi",2.50\n';

function csvFile(text = CSV, name = 'catalogo.csv') {
  return new File([text], name, { type: 'text/csv' });
}

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return { dryRun: true, applied: false, rows: 2, created: 1, updated: 1, errors: [], ...overrides };
}

function renderPage(section: 'products' | 'customers' = 'products', role: Role = 'admin') {
  const fetchMock = mockFetch({
    ...meRoute(makeMe(role)),
    ...catalogRoutes(),
    [`GET ${WS}/products`]: { body: page([parmigiano]) },
    [`GET ${WS}/customers`]: { body: page([giulia]) },
  });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/${section}`) };
}

/** Opens the dialog and chooses `file`; returns the dialog. */
async function openWithFile(user: ReturnType<typeof renderPage>['user'], file = csvFile()) {
  await user.click(await screen.findByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog');
  await user.upload(within(dialog).getByLabelText('CSV file'), file);
  return dialog;
}

beforeAll(() => Promise.all([import('@/features/products/ProductsPage'), import('@/features/customers/CustomersPage')]), 60_000);

beforeEach(() => {
  FakeXhr.instances = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('countCsvRows', () => {
  it('counts data rows like the server: quoted line breaks, CRLF, blank lines and the BOM', () => {
    expect(countCsvRows(CSV)).toBe(2);
    expect(countCsvRows('\uFEFFsku,name\r\nA,1\r\n\r\nB,"x ""y"""\r\nC,3')).toBe(3);
    expect(countCsvRows('sku,name\n')).toBe(0);
    expect(countCsvRows('')).toBe(0);
  });
});

describe('CSV import', () => {
  it('checks the file with a dry run and shows the row report; import stays disabled with errors', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user);

    expect(within(dialog).getByText('catalogo.csv')).toBeInTheDocument();
    expect(await within(dialog).findByText(/2 data rows/)).toBeInTheDocument();
    // The expected columns are listed as help.
    expect(within(dialog).getByText('sku')).toBeInTheDocument();
    expect(within(dialog).getByText('attributes')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    const xhr = lastXhr();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${WS}/products/import?dryRun=true`);
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.headers['x-requested-with']).toBe('shopme');
    expect(xhr.headers['content-type']).toMatch(/^text\/csv/);
    expect(xhr.body).toBeInstanceOf(File);

    xhr.respond(
      200,
      report({
        created: 1,
        updated: 0,
        errors: [
          { row: 3, field: 'price', message: 'must be an amount such as 18.90' },
          { row: 3, field: '', message: 'The product is invalid.' },
        ],
      }),
    );

    expect(await within(dialog).findByText(/found 2 errors in 2 rows/)).toBeInTheDocument();
    const table = within(dialog).getByRole('table', { name: 'Errors by row' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByText('price')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('must be an amount such as 18.90')).toBeInTheDocument();
    expect(within(dialog).queryByText(/^Only the first/)).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('notes when the error list was cut short', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user);
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    const errors = Array.from({ length: 500 }, (_, i) => ({ row: i + 2, field: 'name', message: 'is required' }));
    lastXhr().respond(200, report({ rows: 900, errors }));

    expect(await within(dialog).findByText('Only the first 500 errors are listed; there may be more.')).toBeInTheDocument();
  });

  it('imports a checked file without errors, shows a summary and refreshes the list', async () => {
    const { user, fetchMock } = renderPage();
    await screen.findByRole('link', { name: parmigiano.name });
    const dialog = await openWithFile(user);
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    lastXhr().respond(200, report());

    expect(
      await within(dialog).findByText('The file is ready to import: 2 rows, 1 to create and 1 to update.'),
    ).toBeInTheDocument();
    const listCalls = callsTo(fetchMock, `${WS}/products`, 'GET').length;
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(lastXhr().url).toBe(`${WS}/products/import`);
    lastXhr().respond(200, report({ dryRun: false, applied: true }));

    expect(await within(dialog).findByText('Import done: 2 rows, 1 created and 1 updated.')).toBeInTheDocument();
    await waitFor(() => expect(callsTo(fetchMock, `${WS}/products`, 'GET').length).toBeGreaterThan(listCalls));
    expect(FakeXhr.instances).toHaveLength(2);
  });

  it('shows the report of a 422 answer when the import is refused', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user);
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    lastXhr().respond(200, report());
    await user.click(await within(dialog).findByRole('button', { name: 'Import' }));
    lastXhr().respond(
      422,
      {
        type: 'https://shopme.example/problems/validation',
        title: 'Validation failed',
        status: 422,
        detail: 'The file has 1 error(s); nothing was imported.',
        dryRun: false,
        applied: false,
        rows: 2,
        created: 0,
        updated: 0,
        errors: [{ row: 2, field: 'sku', message: 'is already used' }],
      },
      'application/problem+json',
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not import the file.');
    expect(alert).toHaveTextContent('The file has 1 error(s); nothing was imported.');
    const table = within(dialog).getByRole('table', { name: 'Errors by row' });
    expect(within(table).getByText('is already used')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('lists the header problems of a 422 without a report', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user, csvFile('name,price\nX,1\n'));
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    lastXhr().respond(
      422,
      { title: 'Validation failed', status: 422, detail: 'The CSV header is missing columns.', errors: [{ field: 'header', message: 'needs a column sku' }] },
      'application/problem+json',
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not check the file.');
    expect(alert).toHaveTextContent('needs a column sku');
  });

  it('shows the upload progress, then the server’s work with the rows counted', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user);
    await within(dialog).findByText(/2 data rows/);
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));

    const bar = within(dialog).getByRole('progressbar', { name: 'Uploading catalogo.csv' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(within(dialog).getByRole('status', { hidden: true })).toHaveTextContent('Uploading the file…');

    const xhr = lastXhr();
    xhr.progress(512, 1024);
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(within(dialog).getByText(/^50% · 512 .+ of 1 .+$/)).toBeInTheDocument();

    xhr.uploaded();
    const working = within(dialog).getByRole('progressbar', { name: 'Checking 2 rows…' });
    expect(working).not.toHaveAttribute('aria-valuenow');
    expect(within(dialog).getByText(/Checking 2 rows… \(0 s\)/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Check file' })).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Cancel upload' })).not.toBeInTheDocument();

    xhr.respond(200, report());
    expect(await within(dialog).findByText(/ready to import/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('cancels an upload', async () => {
    const { user } = renderPage();
    const dialog = await openWithFile(user);
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    lastXhr().progress(100, 1024);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel upload' }));

    expect(lastXhr().aborted).toBe(true);
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(dialog).getByText('Upload cancelled.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Check file' })).toBeEnabled();
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('refuses files over 16 MiB before sending them', async () => {
    const { user } = renderPage();
    const big = csvFile();
    Object.defineProperty(big, 'size', { value: 16 * 1024 * 1024 + 1 });
    const dialog = await openWithFile(user, big);

    expect(within(dialog).getByText(/The file is too large/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Check file' })).toBeDisabled();
    expect(FakeXhr.instances).toHaveLength(0);
  });

  it('imports customers to their own endpoint', async () => {
    const { user } = renderPage('customers', 'manager');
    const dialog = await openWithFile(user, csvFile('name,phone\nGiulia,+393331234567\n', 'clienti.csv'));
    expect(within(dialog).getByRole('heading', { name: 'Import customers from CSV' })).toBeInTheDocument();
    expect(within(dialog).getByText('shippingPostalCode')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    expect(lastXhr().url).toBe(`${WS}/customers/import?dryRun=true`);
  });

  it.each([
    ['products', 'agent'],
    ['customers', 'agent'],
  ] as const)('hides the import on %s from an %s but offers the export', async (section, role) => {
    renderPage(section, role);
    const exportLink = await screen.findByRole('link', { name: 'Export CSV' });
    expect(exportLink).toHaveAttribute('href', `${WS}/${section}/export.csv`);
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
  });
});
