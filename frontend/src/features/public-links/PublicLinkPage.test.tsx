import { screen, waitFor, within } from '@testing-library/react';
import { i18n } from '@/i18n/i18n';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { callsTo, problem } from '@/test/fetchMock';
import type { renderRoute } from '@/test/render';
import type { RegistrationLink } from './api';
import { LINK_PATH, renderLink, TOKEN } from './testing';

const REGISTRATION_PATH = `${LINK_PATH}/registration`;

function registrationLink(overrides: Partial<RegistrationLink> = {}): RegistrationLink {
  return {
    type: 'registration',
    expiresAt: '2026-12-01T10:00:00Z',
    workspace: { name: 'Bottega Italiana', defaultLanguage: 'it' },
    customer: { name: 'Giulia Bianchi', language: 'en' },
    privacy: { text: 'We keep your data to ship your orders.\nYou can ask us to delete it.', version: 'v1' },
    ...overrides,
  };
}

function gone(kind: 'link-expired' | 'link-used') {
  return problem(410, 'Gone', { type: `https://shopme.dev/problems/${kind}` });
}

async function findForm() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
  return screen.getByRole('button', { name: 'Register' });
}

type User = ReturnType<typeof renderRoute>['user'];

async function fillValidForm(user: User) {
  await user.type(screen.getByLabelText('Email'), 'giulia@example.com');
  await user.type(screen.getByLabelText('Street and number'), 'Via Roma 1');
  await user.type(screen.getByLabelText('City'), 'Milano');
  await user.type(screen.getByLabelText('Postal code'), '20121');
  await user.click(screen.getByRole('checkbox', { name: /I have read the privacy notice/ }));
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PublicLinkPage'), 60_000);

describe('public registration page', () => {
  it('loads the link and prefills the customer’s name and language, without a session', async () => {
    const { fetchMock } = renderLink({ [LINK_PATH]: { body: registrationLink() } });

    await findForm();
    expect(screen.getByRole('heading', { level: 2, name: 'Complete your registration' })).toBeInTheDocument();
    expect(screen.getByLabelText('Full name')).toHaveValue('Giulia Bianchi');
    expect(screen.getByLabelText('Preferred language')).toHaveValue('en');
    expect(screen.getByLabelText('Email')).toHaveValue('');
    // The shop's country is offered first-hand.
    expect(screen.getByLabelText('Country')).toHaveValue('IT');
    expect(screen.getByRole('option', { name: 'Spain' })).toHaveValue('ES');

    const notice = screen.getByRole('region', { name: 'Privacy notice' });
    expect(notice).toHaveTextContent('We keep your data to ship your orders.');
    expect(screen.getByText('Privacy notice version v1')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /I have read the privacy notice/ })).toHaveAccessibleDescription(
      /We keep your data/,
    );
    expect(screen.getByRole('checkbox', { name: /news and offers/ })).not.toBeChecked();

    // No dashboard around it, and no session calls.
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();
    expect(callsTo(fetchMock, '/api/auth/me')).toHaveLength(0);
    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(0);
  });

  it('speaks the customer’s language, with a switcher, without changing the dashboard’s language', async () => {
    const { user } = renderLink({ [LINK_PATH]: { body: registrationLink({ customer: { name: 'Giulia', language: 'it' } }) } });

    expect(await screen.findByRole('button', { name: 'Registrati' })).toBeInTheDocument();
    expect(screen.getByLabelText('Nome e cognome')).toHaveValue('Giulia');
    expect(screen.getByLabelText('Lingua preferita')).toHaveValue('it');
    expect(screen.getByRole('option', { name: 'Spagna' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('it');

    await user.click(screen.getByRole('radio', { name: 'Español' }));
    expect(await screen.findByRole('button', { name: 'Registrarme' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('es');
    // The customer's preferred language stays as it was: only the page's language changed.
    expect(screen.getByLabelText('Idioma preferido')).toHaveValue('it');

    expect(i18n.resolvedLanguage).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });

  it('checks the fields before sending anything', async () => {
    const { user, fetchMock } = renderLink({ [LINK_PATH]: { body: registrationLink() } });
    const submit = await findForm();

    await user.clear(screen.getByLabelText('Full name'));
    await user.type(screen.getByLabelText('Email'), 'not-an-address');
    await user.type(screen.getByLabelText('Postal code'), '1'.repeat(21));
    await user.selectOptions(screen.getByLabelText('Country'), '');
    await user.click(submit);

    expect(await screen.findByLabelText('Full name')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText('Street and number')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('City')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Postal code')).toHaveAccessibleDescription('This is too long.');
    expect(screen.getByLabelText('Country')).toHaveAccessibleDescription('This field is required.');
    const consent = screen.getByRole('checkbox', { name: /I have read the privacy notice/ });
    expect(consent).toHaveAttribute('aria-invalid', 'true');
    expect(consent).toHaveAccessibleDescription(/Accept the privacy notice to register\./);
    expect(screen.getByLabelText('Full name')).toHaveFocus();

    await user.type(screen.getByLabelText('Full name'), 'x'.repeat(101));
    await user.click(submit);
    expect(await screen.findByLabelText('Full name')).toHaveAccessibleDescription('This is too long.');

    expect(callsTo(fetchMock, REGISTRATION_PATH, 'POST')).toHaveLength(0);
  });

  it('registers and tells the customer to go back to WhatsApp', async () => {
    const { user, fetchMock } = renderLink({
      [LINK_PATH]: { body: registrationLink() },
      [`POST ${REGISTRATION_PATH}`]: { body: { status: 'registered' } },
    });
    const submit = await findForm();

    await user.clear(screen.getByLabelText('Full name'));
    await user.type(screen.getByLabelText('Full name'), '  Giulia Rossi ');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'pt');
    await fillValidForm(user);
    await user.selectOptions(screen.getByLabelText('Country'), 'PT');
    await user.click(screen.getByRole('checkbox', { name: /news and offers/ }));
    await user.click(submit);

    const done = await screen.findByRole('heading', { level: 1, name: 'You are registered!' });
    expect(done).toHaveFocus();
    expect(
      screen.getByText('Thank you, Giulia Rossi. Go back to WhatsApp: a confirmation message from Bottega Italiana is waiting for you there.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Register' })).not.toBeInTheDocument();

    const [call] = callsTo(fetchMock, REGISTRATION_PATH, 'POST');
    const init = call?.[1];
    expect(new Headers(init?.headers).get('X-Requested-With')).toBe('shopme');
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Giulia Rossi',
      email: 'giulia@example.com',
      language: 'pt',
      gdprConsent: true,
      pushOptIn: true,
      shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20121', country: 'PT' },
    });
  });

  it('puts the server’s field errors on the fields', async () => {
    const { user } = renderLink({
      [LINK_PATH]: { body: registrationLink() },
      [`POST ${REGISTRATION_PATH}`]: problem(422, 'Unprocessable Content', {
        errors: [
          { field: 'email', message: 'must be an e-mail address' },
          { field: 'shippingAddress.postalCode', message: 'is not a postal code of IT' },
        ],
      }),
    });
    const submit = await findForm();

    await fillValidForm(user);
    await user.click(submit);

    expect(await screen.findByText('Some details need to be corrected: see the highlighted fields.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('must be an e-mail address');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(screen.getByLabelText('Postal code')).toHaveAccessibleDescription('is not a postal code of IT');
    expect(screen.getByLabelText('City')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('explains a failure that is not about a field, and a rate limit', async () => {
    let status = 500;
    const { user } = renderLink({
      [LINK_PATH]: { body: registrationLink() },
      [`POST ${REGISTRATION_PATH}`]: () =>
        status === 500
          ? problem(500, 'Internal Server Error', { detail: 'Something broke.' })
          : { ...problem(429, 'Too Many Requests'), headers: { 'Retry-After': '30' } },
    });
    const submit = await findForm();
    await fillValidForm(user);

    await user.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your registration could not be sent.');
    expect(alert).toHaveTextContent('Something broke.');

    status = 429;
    await user.click(submit);
    expect(await screen.findByText('Too many attempts. Please wait 30 seconds and try again.')).toBeInTheDocument();
  });

  it('says when the link expired while the form was open', async () => {
    const { user } = renderLink({
      [LINK_PATH]: { body: registrationLink() },
      [`POST ${REGISTRATION_PATH}`]: gone('link-expired'),
    });
    const submit = await findForm();
    await fillValidForm(user);
    await user.click(submit);

    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toHaveFocus();
    expect(screen.getByText('To get a new link, write to the shop on WhatsApp.')).toBeInTheDocument();
  });

  it.each([
    { kind: 'expired', route: gone('link-expired'), title: 'This link has expired' },
    { kind: 'used', route: gone('link-used'), title: 'This link has already been used' },
    { kind: 'unknown', route: problem(404, 'Not Found'), title: 'This link is not valid' },
  ])('explains an $kind link and how to get a new one', async ({ route, title }) => {
    const { fetchMock } = renderLink({ [LINK_PATH]: route, '/api/auth/refresh': problem(401, 'Unauthorized') });

    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getByText('To get a new link, write to the shop on WhatsApp.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Register' })).not.toBeInTheDocument();
    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(0);
  });

  it('stays on the page on a 401, without going to the login page', async () => {
    const { router, fetchMock } = renderLink({
      [LINK_PATH]: problem(401, 'Unauthorized'),
      '/api/auth/refresh': problem(401, 'Unauthorized'),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'The page could not be loaded' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/s/${TOKEN}`);
    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(0);
  });

  it('offers to try again when the link could not be loaded', async () => {
    let fail = true;
    const { user } = renderLink({
      [LINK_PATH]: () => (fail ? { ...problem(429, 'Too Many Requests'), headers: { 'Retry-After': '5' } } : { body: registrationLink() }),
    });

    const card = (await screen.findByRole('heading', { level: 1, name: 'The page could not be loaded' })).closest('section');
    expect(within(card as HTMLElement).getByRole('alert')).toHaveTextContent(
      'Too many attempts. Please wait 5 seconds and try again.',
    );

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await findForm();
  });

  it('shows a neutral message for links whose page does not exist yet', async () => {
    renderLink({
      [LINK_PATH]: {
        body: {
          ...registrationLink(),
          type: 'gift_card',
          workspace: { name: 'Bottega Italiana', defaultLanguage: 'en' },
          customer: undefined,
          privacy: undefined,
        },
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'This page is not available yet' })).toBeInTheDocument();
    expect(screen.getByText(/write to Bottega Italiana on WhatsApp/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Register' })).not.toBeInTheDocument());
  });
});
