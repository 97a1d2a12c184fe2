import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** `/w/:id/products`: the product list with its search box, filters and pagination. */
export class ProductsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly newProduct: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Products' });
    this.newProduct = page.getByRole('link', { name: 'New product' });
    this.search = page.getByLabel('Search products');
    this.table = page.getByRole('table', { name: 'Products' });
    this.total = page.getByText(/^Total: \d+$/);
  }

  async open(): Promise<void> {
    await this.shell.navLink('Products').click();
    await expect(this.heading).toBeVisible();
    await expect(this.table).toBeVisible();
  }

  /** Types into the search box; the list follows once typing pauses. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.page).toHaveURL(new RegExp(`[?&]search=${encodeURIComponent(text).replace(/%20/g, '\\+')}`));
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openProduct(name: string): Promise<ProductFormPage> {
    await this.table.getByRole('link', { name, exact: true }).click();
    const form = new ProductFormPage(this.page);
    await expect(form.name).toHaveValue(name);
    return form;
  }
}

/** `/w/:id/products/new` and `/w/:id/products/:productId`. */
export class ProductFormPage {
  readonly name: Locator;
  readonly sku: Locator;
  readonly price: Locator;
  readonly taxRate: Locator;
  readonly stock: Locator;
  readonly category: Locator;
  readonly create: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.sku = page.getByLabel('SKU');
    this.price = page.getByLabel('Price', { exact: true });
    this.taxRate = page.getByLabel('Tax rate (%)');
    this.stock = page.getByLabel('Stock');
    this.category = page.getByLabel('Category');
    this.create = page.getByRole('button', { name: 'Create product' });
    this.save = page.getByRole('button', { name: 'Save changes' });
  }
}

/** `/w/:id/customers`. */
export class CustomersPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly newCustomer: Locator;
  readonly search: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Customers' });
    this.newCustomer = page.getByRole('link', { name: 'New customer' });
    this.search = page.getByRole('search', { name: 'Customer filters' }).getByLabel('Search');
    this.table = page.getByRole('table', { name: 'Customers' });
  }

  async open(): Promise<void> {
    await this.shell.navLink('Customers').click();
    await expect(this.heading).toBeVisible();
    await expect(this.table).toBeVisible();
  }
}

export type NewCustomer = { name: string; email: string; phone: string; city: string };

/** `/w/:id/customers/new`. */
export class NewCustomerPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly phone: Locator;
  readonly shippingCity: Locator;
  readonly create: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'New customer' });
    this.name = page.getByLabel('Name', { exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.phone = page.getByLabel('Phone');
    this.shippingCity = page.getByRole('group', { name: 'Shipping address' }).getByLabel('City');
    this.create = page.getByRole('button', { name: 'Create customer' });
  }

  async fill(customer: NewCustomer): Promise<void> {
    await this.name.fill(customer.name);
    await this.email.fill(customer.email);
    await this.phone.fill(customer.phone);
    await this.shippingCity.fill(customer.city);
  }
}

/** `/w/:id/customers/:customerId`: header with badges and block button, then the tabs. */
export class CustomerDetailPage {
  readonly blockButton: Locator;
  readonly unblockButton: Locator;
  readonly blockedBadge: Locator;
  readonly profileTab: Locator;
  readonly ordersTab: Locator;
  readonly conversationsTab: Locator;

  constructor(readonly page: Page) {
    this.blockButton = page.getByRole('button', { name: 'Block', exact: true });
    this.unblockButton = page.getByRole('button', { name: 'Unblock' });
    this.blockedBadge = page.getByText('Blocked', { exact: true });
    this.profileTab = page.getByRole('tab', { name: 'Profile' });
    this.ordersTab = page.getByRole('tab', { name: 'Orders' });
    this.conversationsTab = page.getByRole('tab', { name: 'Conversations' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async block(reason: string): Promise<void> {
    await this.blockButton.click();
    const dialog = this.page.getByRole('dialog', { name: /^Block / });
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Block customer' }).click();
    await expect(dialog).toBeHidden();
  }
}
