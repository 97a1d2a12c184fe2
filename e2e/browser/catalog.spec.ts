import { expect, test, type Page } from '@playwright/test';
import { ADMIN, AGENT, SHOP } from './pages/accounts';
import { CustomerDetailPage, CustomersPage, NewCustomerPage, ProductFormPage, ProductsPage } from './pages/CatalogPages';
import { LoginPage } from './pages/LoginPage';

/** Unique per run, so that tests can run again on the same database. */
function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

/**
 * The admin's tests share one signed-in page: the server allows only a few sign-ins per minute
 * for one address, and the other specs sign the admin in too.
 */
test.describe('catalog and customers, as an admin', () => {
  test.describe.configure({ mode: 'serial' });

  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    const login = new LoginPage(page);
    await login.login(ADMIN.email, ADMIN.password);
    await login.shell.openWorkspace(SHOP);
  });

  test.afterAll(async () => {
    await page.close();
  });

  test('an admin creates a product, finds it, changes its price and sees it in the list', async () => {
    const id = stamp();
    const name = `Caciotta di prova ${id}`;
    const sku = `E2E-${id}`;

    const products = new ProductsPage(page);
    await products.open();

    await test.step('create the product', async () => {
      await products.newProduct.click();
      const form = new ProductFormPage(page);
      await form.name.fill(name);
      await form.sku.fill(sku);
      await form.price.fill('12.50');
      await form.taxRate.fill('4');
      await form.stock.fill('7');
      await form.category.selectOption({ label: 'Formaggi' });
      await form.create.click();
      await expect(products.heading).toBeVisible();
    });

    await test.step('find it with the search box', async () => {
      await products.searchFor(sku);
      await expect(products.row(name)).toBeVisible();
      await expect(products.row(name)).toContainText('€12.50');
      await expect(products.total).toHaveText('Total: 1');
    });

    await test.step('edit its price and see the new one in the list', async () => {
      const form = await products.openProduct(name);
      await expect(form.price).toHaveValue('12.50');
      await form.price.fill('13,90');
      await form.save.click();
      await expect(products.heading).toBeVisible();
      await expect(products.search).toHaveValue(sku);
      await expect(products.row(name)).toContainText('€13.90');
      await expect(products.row(name)).toContainText('Formaggi');
    });
  });

  test('the product search forgives a typo', async () => {
    const products = new ProductsPage(page);
    await products.open();
    await products.searchFor('parmigano');
    await expect(products.row('Parmigiano Reggiano DOP 24 mesi')).toBeVisible();
  });

  test('an admin creates a customer, opens it and blocks it with a reason', async () => {
    const id = stamp();
    const customer = {
      name: `Cliente di prova ${id}`,
      email: `cliente.${id}@example.com`,
      phone: `+39349${id.slice(-7)}`,
      city: 'Bologna',
    };
    const reason = 'Ordini falsi ripetuti';

    const customers = new CustomersPage(page);
    await customers.open();
    await customers.newCustomer.click();
    const form = new NewCustomerPage(page);
    await expect(form.heading).toBeVisible();
    await form.fill(customer);
    await form.create.click();

    const detail = new CustomerDetailPage(page);
    await expect(detail.heading(customer.name)).toBeVisible();
    await expect(page.getByText('No consent').first()).toBeVisible();
    await expect(detail.blockedBadge).toHaveCount(0);

    await detail.block(reason);
    await expect(detail.blockedBadge).toBeVisible();
    await expect(page.getByText(`This customer is blocked: ${reason}`)).toBeVisible();
    await expect(detail.unblockButton).toBeVisible();

    await test.step('the orders and conversations tabs explain that there is nothing yet', async () => {
      await detail.ordersTab.click();
      await expect(page.getByText('No orders yet')).toBeVisible();
      await detail.conversationsTab.click();
      await expect(page.getByText('No conversations yet')).toBeVisible();
    });

    await test.step('the list shows the customer as blocked', async () => {
      await customers.open();
      await customers.search.fill(customer.email);
      const row = customers.table.getByRole('row').filter({ hasText: customer.name });
      await expect(row).toBeVisible();
      await expect(row.getByText('Blocked', { exact: true })).toBeVisible();
    });
  });

});

test.describe('catalog, as an agent', () => {
  test('an agent reads the products but cannot create one', async ({ page }) => {
    const login = new LoginPage(page);
    await login.login(AGENT.email, AGENT.password);
    await login.shell.openWorkspace(SHOP);

    const products = new ProductsPage(page);
    await products.open();
    await expect(products.table.getByRole('row')).not.toHaveCount(1);
    await expect(products.newProduct).toHaveCount(0);
    await expect(products.table.getByRole('checkbox')).toHaveCount(0);

    await products.searchFor('parmigiano');
    const form = await products.openProduct('Parmigiano Reggiano DOP 24 mesi');
    await expect(form.name).toBeDisabled();
    await expect(form.save).toHaveCount(0);
  });
});
