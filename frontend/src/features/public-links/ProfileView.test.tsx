import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, problem } from '@/test/fetchMock';
import { LINK_PATH, profileLink, renderLink } from './testing';

const PROFILE = `${LINK_PATH}/profile`;
const EXPORT = `${LINK_PATH}/export`;
const ERASURE = `${LINK_PATH}/erasure`;

function bodies(fetchMock: ReturnType<typeof renderLink>['fetchMock'], path: string): unknown[] {
  return callsTo(fetchMock, path, 'POST').map(([, init]) => JSON.parse(String(init?.body)));
}

async function findForm() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Your details' })).toBeInTheDocument();
  return screen.getByRole('button', { name: 'Save changes' });
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PublicLinkPage'), 60_000);

describe('profile link', () => {
  it('shows the customer’s details, consent and the current privacy notice', async () => {
    renderLink({ [LINK_PATH]: { body: profileLink() } });

    await findForm();
    expect(screen.getByText('Bottega Italiana')).toBeInTheDocument();
    expect(screen.getByLabelText('Full name')).toHaveValue('Giulia Bianchi');
    expect(screen.getByLabelText('Email')).toHaveValue('giulia@example.com');
    expect(screen.getByLabelText('Preferred language')).toHaveValue('en');
    expect(screen.getByLabelText('Street and number')).toHaveValue('Via Roma 1');
    expect(screen.getByLabelText('City')).toHaveValue('Milano');
    expect(screen.getByLabelText('Postal code')).toHaveValue('20121');
    expect(screen.getByLabelText('Country')).toHaveValue('IT');
    expect(screen.getByRole('checkbox', { name: /news and offers/ })).not.toBeChecked();

    const privacy = screen.getByRole('group', { name: 'Privacy' });
    expect(privacy).toHaveTextContent('You accepted the privacy notice version v2 on November 2, 2026');
    expect(within(privacy).getByRole('region', { name: 'Privacy notice' })).toHaveTextContent('We keep your data to ship your orders.');
    expect(privacy).toHaveTextContent('Privacy notice version v3');
    // Version 2 was accepted, the notice is at version 3 now: the box asks for the new one.
    expect(within(privacy).getByRole('checkbox', { name: /I have read the privacy notice/ })).not.toBeChecked();
    expect(privacy).toHaveTextContent('The privacy notice has changed since: tick the box to accept version v3.');
  });

  it('accepts the current privacy notice when the box is ticked', async () => {
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${PROFILE}`]: { body: { customer: profileLink().customer } },
    });
    const save = await findForm();

    await user.click(screen.getByRole('checkbox', { name: /I have read the privacy notice/ }));
    await user.click(save);

    await screen.findByText('Your details have been saved.');
    expect(bodies(fetchMock, PROFILE)[0]).toMatchObject({ gdprConsent: true });
  });

  it('withdraws the consent to the current notice when the box is unticked', async () => {
    const current = { given: true, at: '2026-11-29T09:00:00Z', version: 'v3' };
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: profileLink({ customer: { ...profileLink().customer, gdprConsent: current } }) },
      [`POST ${PROFILE}`]: { body: { customer: profileLink().customer } },
    });
    const save = await findForm();

    const consent = screen.getByRole('checkbox', { name: /I have read the privacy notice/ });
    expect(consent).toBeChecked();
    expect(consent).toHaveAccessibleDescription(/We keep your data/);
    await user.click(consent);
    expect(screen.getByText('Saving without the box ticked withdraws your consent.')).toBeInTheDocument();
    await user.click(save);

    await screen.findByText('Your details have been saved.');
    expect(bodies(fetchMock, PROFILE)[0]).toMatchObject({ gdprConsent: false });
  });

  it('starts an unknown address in the shop’s country and says when no consent was given', async () => {
    renderLink({
      [LINK_PATH]: {
        body: profileLink({
          customer: {
            ...profileLink().customer,
            email: null,
            shippingAddress: null,
            gdprConsent: { given: false, at: null, version: null },
          },
        }),
      },
    });

    await findForm();
    expect(screen.getByLabelText('Email')).toHaveValue('');
    expect(screen.getByLabelText('Street and number')).toHaveValue('');
    expect(screen.getByLabelText('Country')).toHaveValue('IT');
    expect(screen.getByRole('group', { name: 'Privacy' })).toHaveTextContent('You have not accepted the privacy notice.');
  });

  it('saves the changed details', async () => {
    const saved = { ...profileLink().customer, name: 'Giulia Rossi', language: 'pt', pushOptIn: true };
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${PROFILE}`]: { body: { customer: saved } },
    });
    const save = await findForm();

    await user.clear(screen.getByLabelText('Full name'));
    await user.type(screen.getByLabelText('Full name'), ' Giulia Rossi ');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'pt');
    await user.clear(screen.getByLabelText('City'));
    await user.type(screen.getByLabelText('City'), 'Lisboa');
    await user.selectOptions(screen.getByLabelText('Country'), 'PT');
    await user.click(screen.getByRole('checkbox', { name: /news and offers/ }));
    await user.click(save);

    expect(await screen.findByText('Your details have been saved.')).toBeInTheDocument();
    expect(bodies(fetchMock, PROFILE)).toEqual([
      {
        name: 'Giulia Rossi',
        email: 'giulia@example.com',
        language: 'pt',
        pushOptIn: true,
        shippingAddress: { line1: 'Via Roma 1', city: 'Lisboa', postalCode: '20121', country: 'PT' },
        billingAddress: null,
      },
    ]);
    const [call] = callsTo(fetchMock, PROFILE, 'POST');
    expect(new Headers(call?.[1]?.headers).get('X-Requested-With')).toBe('shopme');
    // The form now shows what the server kept.
    expect(screen.getByLabelText('Full name')).toHaveValue('Giulia Rossi');
    expect(screen.getByLabelText('City')).toHaveValue('Milano');
  });

  it('sends invoices to a different address only when asked, checking its fields', async () => {
    const saved = {
      ...profileLink().customer,
      billingAddress: { line1: 'Corso Como 5', city: 'Milano', postalCode: '20154', country: 'IT' },
    };
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${PROFILE}`]: { body: { customer: saved } },
    });
    const save = await findForm();
    expect(screen.queryByRole('group', { name: 'Billing address' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Send invoices to a different address' }));
    const billing = screen.getByRole('group', { name: 'Billing address' });
    await user.click(save);
    expect(within(billing).getByLabelText('Street and number')).toHaveAccessibleDescription('This field is required.');
    expect(callsTo(fetchMock, PROFILE, 'POST')).toHaveLength(0);

    await user.type(within(billing).getByLabelText('Street and number'), 'Corso Como 5');
    await user.type(within(billing).getByLabelText('City'), 'Milano');
    await user.type(within(billing).getByLabelText('Postal code'), '20154');
    await user.click(save);

    expect(await screen.findByText('Your details have been saved.')).toBeInTheDocument();
    expect(bodies(fetchMock, PROFILE)).toEqual([
      expect.objectContaining({
        shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'IT' },
        billingAddress: { line1: 'Corso Como 5', city: 'Milano', postalCode: '20154', country: 'IT' },
      }),
    ]);
    // The form shows what the server kept: the billing address, still open.
    expect(screen.getByRole('checkbox', { name: 'Send invoices to a different address' })).toBeChecked();
  });

  it('checks the details before sending them', async () => {
    const { user, fetchMock } = renderLink({ [LINK_PATH]: { body: profileLink() } });
    const save = await findForm();

    await user.clear(screen.getByLabelText('Full name'));
    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'giulia@');
    await user.clear(screen.getByLabelText('Postal code'));
    await user.click(save);

    expect(await screen.findByLabelText('Full name')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText('Postal code')).toHaveAccessibleDescription('This field is required.');

    await user.type(screen.getByLabelText('Full name'), 'x'.repeat(101));
    await user.click(save);
    expect(await screen.findByLabelText('Full name')).toHaveAccessibleDescription('This is too long.');
    expect(bodies(fetchMock, PROFILE)).toEqual([]);
  });

  it('puts the server’s field errors on the fields', async () => {
    const { user } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${PROFILE}`]: problem(422, 'Unprocessable Content', {
        errors: [
          { field: 'email', message: 'is already used by another customer' },
          { field: 'shippingAddress.postalCode', message: 'is not a postal code of IT' },
        ],
      }),
    });

    await user.click(await findForm());

    expect(await screen.findByText('Some details need to be corrected: see the highlighted fields.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('is already used by another customer');
    expect(screen.getByLabelText('Postal code')).toHaveAccessibleDescription('is not a postal code of IT');
    expect(screen.getByLabelText('City')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('downloads the customer’s data as a JSON file', async () => {
    const data = { customer: { name: 'Giulia Bianchi' }, orders: [{ code: 'ORD-2026-000123' }] };
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:my-data');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.href, download: this.download });
    });
    const { user, fetchMock } = renderLink({ [LINK_PATH]: { body: profileLink() }, [`POST ${EXPORT}`]: { body: data } });
    await findForm();

    await user.click(screen.getByRole('button', { name: 'Download my data' }));

    expect(await screen.findByText('Your data has been downloaded as my-data.json.')).toBeInTheDocument();
    expect(bodies(fetchMock, EXPORT)).toEqual([{}]);
    expect(downloads).toEqual([{ href: 'blob:my-data', download: 'my-data.json' }]);
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('application/json');
    expect(JSON.parse(await blob.text())).toEqual(data);
  });

  it('deletes the data only once confirmed, then says it is done', async () => {
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${ERASURE}`]: { body: { erased: true } },
    });
    await findForm();
    const section = screen.getByRole('region', { name: 'Delete my data' });

    await user.click(within(section).getByRole('button', { name: 'Delete my data' }));
    const confirm = within(section).getByRole('checkbox', { name: /my data will be deleted/ });
    await waitFor(() => expect(confirm).toHaveAccessibleDescription('Tick the box to confirm.'));
    expect(bodies(fetchMock, ERASURE)).toEqual([]);

    await user.click(confirm);
    await user.click(within(section).getByRole('button', { name: 'Delete my data' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your data has been deleted' })).toHaveFocus();
    expect(screen.getByText('Bottega Italiana no longer keeps your personal data.')).toBeInTheDocument();
    expect(bodies(fetchMock, ERASURE)).toEqual([{ confirm: true }]);
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });

  it('says when the link expired while the page was open', async () => {
    const { user } = renderLink({
      [LINK_PATH]: { body: profileLink() },
      [`POST ${EXPORT}`]: problem(410, 'Gone', { code: 'link-expired' }),
    });
    await findForm();

    await user.click(screen.getByRole('button', { name: 'Download my data' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toHaveFocus();
    expect(screen.getByText('To get a new link, write to the shop on WhatsApp.')).toBeInTheDocument();
  });
});
