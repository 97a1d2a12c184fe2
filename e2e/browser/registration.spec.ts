import { expect, test } from '@playwright/test';
import { ADMIN, SHOP } from './pages/accounts';
import { PublicRegistrationPage, WorkspaceApi } from './pages/RegistrationPages';

/** Unique per run, so that the customer is new (and unregistered) even on a reused database. */
function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

test('a new customer registers from the link sent on WhatsApp, once', async ({ page, request }) => {
  const id = stamp();
  const customer = `Cliente da registrare ${id}`;
  const registeredName = `Giulia Bianchi ${id.slice(-5)}`;
  const api = await WorkspaceApi.signIn(request, ADMIN.email, ADMIN.password, SHOP);

  const conversationId = await test.step('an unregistered customer writes and gets a registration link', async () => {
    return api.customerWrites(customer, `+39333${id.slice(-7)}`, 'Ciao');
  });
  const linkPath = await api.registrationLinkIn(conversationId);

  const registration = new PublicRegistrationPage(page);

  await test.step('the link opens without a login, in the customer’s language, prefilled', async () => {
    await registration.goto(linkPath);
    await expect(registration.shopHeading(SHOP)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Registrati', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
  });

  await test.step('the customer reads it in English and keeps Italian for the chat', async () => {
    await registration.switchLanguage('English');
    await expect(registration.submit).toBeVisible();
    await expect(registration.name).toHaveValue(customer);
    await expect(registration.preferredLanguage).toHaveValue('it');
  });

  await test.step('the form checks the fields first', async () => {
    await registration.submit.click();
    await expect(registration.email).toHaveAccessibleDescription('This field is required.');
    await expect(registration.consent).toHaveAttribute('aria-invalid', 'true');
    await expect(registration.email).toBeFocused();
  });

  await test.step('the customer registers and is sent back to WhatsApp', async () => {
    await registration.register({
      name: registeredName,
      email: `giulia.${id}@example.com`,
      line1: 'Via Roma 1',
      city: 'Milano',
      postalCode: '20121',
      country: 'Italy',
      pushOptIn: true,
    });
    await expect(registration.main).toContainText('Go back to WhatsApp');
  });

  await test.step('the chat gets the confirmation, in Italian', async () => {
    await expect
      .poll(async () => (await api.repliesIn(conversationId)).some((text) => text.startsWith(`Grazie, ${registeredName}`)), {
        message: 'the confirmation reaches the chat',
        timeout: 15_000,
      })
      .toBe(true);
  });

  await test.step('the link works only once', async () => {
    await registration.goto(linkPath);
    await expect(registration.unavailable('This link has already been used')).toBeVisible();
    await expect(registration.newLinkHint).toBeVisible();
    await expect(registration.submit).toHaveCount(0);
  });
});

test('an unknown link says so and how to get a new one', async ({ page }) => {
  const registration = new PublicRegistrationPage(page);
  await registration.goto(`/s/not-a-real-token-${stamp()}`);
  await expect(registration.unavailable('This link is not valid')).toBeVisible();
  await expect(registration.newLinkHint).toBeVisible();
  await expect(page).toHaveURL(/\/s\/not-a-real-token-/);
});
