import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN, SHOP } from './pages/accounts';
import { OrdersPage, PublicPaymentPage, TestPaymentPage } from './pages/CheckoutPages';
import { SimulatorPage } from './pages/InboxPages';
import { LoginPage } from './pages/LoginPage';
import { PublicRegistrationPage } from './pages/RegistrationPages';

/** Unique per run, so that the customer is new (and unregistered) even on a reused database. */
function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

/** The path (`/s/<token>`) of the first link in `text`, to be opened on the server under test. */
function linkPath(text: string): string {
  const match = /\/s\/[A-Za-z0-9_~-]+/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[0];
}

test('a customer buys from the test chat, pays, and the order is paid with its invoice', async ({ page, context }) => {
  // A whole sale, through several asynchronous agent replies and a payment.
  test.setTimeout(120_000);
  const id = stamp();
  const customer = `Cliente che compra ${id}`;
  const phone = `+39334${id.slice(-7)}`;

  const login = new LoginPage(page);
  await login.login(ADMIN.email, ADMIN.password);
  await login.shell.openWorkspace(SHOP);

  const simulator = new SimulatorPage(page);

  await test.step('a new customer writes from the test chat and gets a registration link', async () => {
    await simulator.open();
    await simulator.startAs(customer, phone);
    await simulator.sendText('Ciao');
    await expect(simulator.fromBusiness(/registrati qui/)).toBeVisible();
  });

  await test.step('the customer registers from the link', async () => {
    const invite = await simulator.fromBusiness(/registrati qui/).first().innerText();
    const registration = new PublicRegistrationPage(await context.newPage());
    await registration.goto(linkPath(invite));
    await registration.switchLanguage('English');
    await registration.register({
      name: customer,
      email: `cliente.${id}@example.com`,
      line1: 'Via Garibaldi 7',
      city: 'Torino',
      postalCode: '10122',
      country: 'Italy',
    });
    await registration.page.close();
    await expect(simulator.fromBusiness(`Grazie, ${customer}`)).toBeVisible();
  });

  await test.step('the customer browses the catalog and puts a cheese in the cart', async () => {
    await simulator.sendText('Mostrami il catalogo');
    const categories = simulator.fromBusiness('Ecco le nostre categorie');
    await expect(categories).toBeVisible();
    await categories.getByRole('button', { name: 'Formaggi', exact: true }).click();

    const products = simulator.fromBusiness('Formaggi: scegli un prodotto');
    await expect(products).toBeVisible();
    await products.getByRole('button', { name: /^Parmigiano Reggiano/ }).first().click();

    const details = simulator.fromBusiness(/Parmigiano Reggiano/).filter({ has: page.getByRole('button', { name: 'Aggiungi' }) });
    await expect(details).toBeVisible();
    await details.getByRole('button', { name: 'Aggiungi', exact: true }).last().click();
    await expect(simulator.fromBusiness(/Aggiunto: 1 × Parmigiano Reggiano/)).toBeVisible();
  });

  const { code, paymentPath } = await test.step('the customer asks to pay and gets the payment link', async () => {
    await simulator.sendText('Voglio pagare');
    const reply = simulator.fromBusiness(/Ordine .+ creato/);
    await expect(reply).toBeVisible();
    const text = await reply.innerText();
    const orderCode = /ORD-\d{4}-\d+/.exec(text)?.[0];
    expect(orderCode, text).toBeTruthy();
    return { code: orderCode as string, paymentPath: linkPath(text) };
  });

  const payment = new PublicPaymentPage(page);

  await test.step('the payment page shows the order summary', async () => {
    await payment.goto(paymentPath);
    await payment.switchLanguage('English');
    await expect(payment.orderHeading(code)).toBeVisible();
    await expect(payment.line(/Parmigiano Reggiano/)).toBeVisible();
    await expect(payment.payNow).toBeVisible();
  });

  await test.step('the customer pays on the test payment page', async () => {
    await payment.payNow.click();
    const gateway = new TestPaymentPage(page);
    await gateway.expectOpen();
    await gateway.pay.click();
    await expect(page).toHaveURL(/\/s\/[^?]+\?payment=success/);
    await payment.switchLanguage('English');
    await expect(payment.paid).toBeVisible();
  });

  await test.step('the confirmation reaches the chat', async () => {
    await page.goto('/');
    await login.shell.openWorkspace(SHOP);
    await simulator.open();
    // The tab remembers the customer it plays: the same chat continues.
    await expect(simulator.phoneScreen).toContainText(customer);
    await expect(simulator.fromBusiness('Pagamento ricevuto')).toBeVisible();
    await expect(simulator.fromBusiness('Pagamento ricevuto')).toContainText(code);
  });

  await test.step('the order is listed as paid, with its invoice', async () => {
    const orders = new OrdersPage(page);
    await orders.open();
    const row = orders.row(code);
    await expect(row).toBeVisible();
    await expect(row).toContainText(customer);
    await expect(row.getByText('Paid', { exact: true })).toHaveCount(2);

    const detail = await orders.openOrder(code);
    await expect(detail.status('Paid')).toBeVisible();
    await expect(detail.invoiceLink).toBeVisible();

    const download = await detail.downloadInvoice();
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
