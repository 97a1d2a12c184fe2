import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { PrivacyNotice } from './api/privacyNotice';

const WORKSPACE = `/api/workspaces/${SHOP_ID}`;
const PRIVACY = `${WORKSPACE}/privacy-notice`;

const notice: PrivacyNotice = {
  text: 'Bottega Italiana keeps your name, number and address to ship your orders.',
  version: 'v3',
  updatedAt: '2026-11-30T07:00:00Z',
};

/** The notice on a fake server: a changed text becomes the next version. */
function privacyServer(initial: PrivacyNotice = notice): Record<string, MockRoute> {
  let current = initial;
  return {
    [`GET ${PRIVACY}`]: () => ({ body: current }),
    [`PUT ${PRIVACY}`]: ({ body }) => {
      const { text } = body as { text: string };
      if (text !== current.text) {
        current = { text, version: `v${Number(current.version.slice(1)) + 1}`, updatedAt: '2026-12-01T09:00:00Z' };
      }
      return { body: current };
    },
  };
}

function renderSettings(routes: Record<string, MockRoute> = privacyServer()) {
  const fetchMock = mockFetch({ ...meRoute(makeMe('admin')), [`GET ${WORKSPACE}`]: { body: shopWorkspace }, ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/settings`) };
}

function putBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, PRIVACY, 'PUT').map(([, init]) => JSON.parse(String(init?.body)));
}

describe('WorkspaceSettingsPage', () => {
  it('saves the edited settings', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WORKSPACE}`]: { body: shopWorkspace },
      [`PATCH ${WORKSPACE}`]: ({ body }) => ({ body: { ...shopWorkspace, ...(body as object) } }),
      ...privacyServer(),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/settings`);

    const rateLimit = await screen.findByLabelText('API rate limit');
    expect(rateLimit).toHaveValue(30);
    expect(screen.getByLabelText('Business type')).toHaveValue('fine_food');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Rome');

    await user.clear(screen.getByLabelText('Business name'));
    await user.type(screen.getByLabelText('Business name'), 'Bottega Italiana Srl');
    await user.clear(rateLimit);
    await user.type(rateLimit, '0');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter a whole number between 1 and 100000.')).toBeInTheDocument();

    await user.clear(rateLimit);
    await user.type(rateLimit, '120');
    await user.selectOptions(screen.getByLabelText('Default language for customers'), 'en');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, WORKSPACE, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Bottega Italiana Srl',
      currency: 'EUR',
      defaultLanguage: 'en',
      timezone: 'Europe/Rome',
      businessType: 'fine_food',
      apiRateLimit: 120,
      legalName: '',
      legalAddress: '',
      vatNumber: '',
    });
  });

  it('saves the invoice details, the legal name defaulting to the shop’s name', async () => {
    const workspace = { ...shopWorkspace, legalName: '', legalAddress: 'Via Roma 1, 20121 Milano', vatNumber: '' };
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WORKSPACE}`]: { body: workspace },
      [`PATCH ${WORKSPACE}`]: ({ body }) => ({ body: { ...workspace, ...(body as object) } }),
      ...privacyServer(),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/settings`);

    const section = await screen.findByRole('group', { name: 'Invoice details' });
    expect(section).toHaveAccessibleDescription('Printed on your customers’ invoices; the legal name defaults to the shop’s name.');
    const legalName = within(section).getByLabelText('Legal name');
    expect(legalName).toHaveValue('');
    expect(legalName).toHaveAttribute('placeholder', 'Bottega Italiana');
    expect(within(section).getByLabelText('Registered address')).toHaveValue('Via Roma 1, 20121 Milano');

    await user.type(legalName, '  Bottega Italiana S.r.l. ');
    await user.type(within(section).getByLabelText('VAT number'), 'IT01234567890');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, WORKSPACE, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toMatchObject({
      legalName: 'Bottega Italiana S.r.l.',
      legalAddress: 'Via Roma 1, 20121 Milano',
      vatNumber: 'IT01234567890',
    });
    expect(within(section).getByLabelText('Legal name')).toHaveValue('Bottega Italiana S.r.l.');
  });

  it('limits the invoice details to what the server accepts and shows its field errors there', async () => {
    const { user } = renderSettings({
      ...privacyServer(),
      [`PATCH ${WORKSPACE}`]: problem(422, 'Unprocessable Content', {
        errors: [{ field: 'vatNumber', message: 'is not a valid VAT number' }],
      }),
    });

    const section = await screen.findByRole('group', { name: 'Invoice details' });
    expect(within(section).getByLabelText('Legal name')).toHaveAttribute('maxLength', '200');
    expect(within(section).getByLabelText('Registered address')).toHaveAttribute('maxLength', '300');
    const vat = within(section).getByLabelText('VAT number');
    expect(vat).toHaveAttribute('maxLength', '30');

    await user.type(vat, 'XX');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(vat).toHaveAccessibleDescription(/is not a valid VAT number/));
    expect(vat).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks before deactivating the workspace', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WORKSPACE}`]: { body: shopWorkspace },
      [`PATCH ${WORKSPACE}`]: { body: { ...shopWorkspace, status: 'inactive' } },
      ...privacyServer(),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/settings`);

    await user.click(await screen.findByRole('button', { name: 'Deactivate workspace' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Deactivate Bottega Italiana?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByRole('button', { name: 'Reactivate workspace' })).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, WORKSPACE, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ status: 'inactive' });
  });
});

describe('privacy notice', () => {
  it('shows the current version and saves a changed text as a new one', async () => {
    const { fetchMock, user } = renderSettings();

    const card = await screen.findByRole('region', { name: 'Privacy notice' });
    const text = await within(card).findByLabelText('Notice text');
    expect(text).toHaveValue(notice.text);
    expect(card).toHaveTextContent('Current version: v3, saved Nov 30, 2026');
    expect(text).toHaveAccessibleDescription('73 of 20000 characters.');
    expect(card).toHaveTextContent(
      'Saving a changed text creates a new version. Customers who accepted an older version keep it on record.',
    );

    await user.type(text, ' We never sell your data.');
    await user.click(within(card).getByRole('button', { name: 'Save notice' }));

    expect(await within(card).findByText('Privacy notice saved as version v4.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([{ text: `${notice.text} We never sell your data.` }]);
    expect(card).toHaveTextContent('Current version: v4, saved Dec 1, 2026');
  });

  it('says when an unchanged text keeps its version', async () => {
    const { fetchMock, user } = renderSettings();

    const card = await screen.findByRole('region', { name: 'Privacy notice' });
    await within(card).findByLabelText('Notice text');
    await user.click(within(card).getByRole('button', { name: 'Save notice' }));

    expect(
      await within(card).findByText('Privacy notice saved. The text did not change, so it is still version v3.'),
    ).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([{ text: notice.text }]);
  });

  it('says when the notice was never edited', async () => {
    renderSettings(privacyServer({ text: '', version: 'v1', updatedAt: null }));

    const card = await screen.findByRole('region', { name: 'Privacy notice' });
    expect(await within(card).findByLabelText('Notice text')).toHaveValue('');
    expect(card).toHaveTextContent('Version v1, not edited yet.');
  });

  it('needs a text of at most 20000 characters', async () => {
    const { fetchMock, user } = renderSettings();

    const card = await screen.findByRole('region', { name: 'Privacy notice' });
    const text = await within(card).findByLabelText('Notice text');
    await user.clear(text);
    await user.type(text, '   ');
    await user.click(within(card).getByRole('button', { name: 'Save notice' }));
    expect(text).toHaveAccessibleDescription('This field is required.');

    await user.clear(text);
    await user.click(text);
    await user.paste('x'.repeat(20_001));
    await user.click(within(card).getByRole('button', { name: 'Save notice' }));
    await waitFor(() => expect(text).toHaveAccessibleDescription('Use at most 20000 characters.'));
    expect(putBodies(fetchMock)).toEqual([]);
  });

  it('puts the server’s refusal at the field', async () => {
    const { user } = renderSettings({
      ...privacyServer(),
      [`PUT ${PRIVACY}`]: problem(422, 'Unprocessable Content', {
        errors: [{ field: 'text', message: 'must not contain control characters' }],
      }),
    });

    const card = await screen.findByRole('region', { name: 'Privacy notice' });
    await user.type(await within(card).findByLabelText('Notice text'), '!');
    await user.click(within(card).getByRole('button', { name: 'Save notice' }));

    expect(await within(card).findByText('must not contain control characters')).toBeInTheDocument();
    expect(within(card).getByLabelText('Notice text')).toHaveAccessibleDescription('must not contain control characters');
    expect(within(card).getByRole('alert')).toHaveTextContent('Could not save the privacy notice.');
  });
});
