import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { AppShell, type LanguageName } from './AppShell';

/**
 * `/s/:token` of a payment link: the order summary and "Pay now". The page opens in the customer's
 * language; the labels here are the English ones, so switch to English first.
 */
export class PublicPaymentPage {
  readonly languageSwitcher: Locator;
  readonly main: Locator;
  readonly payNow: Locator;
  readonly paid: Locator;

  constructor(readonly page: Page) {
    this.languageSwitcher = page.getByRole('banner').getByRole('radiogroup');
    this.main = page.getByRole('main');
    this.payNow = page.getByRole('button', { name: 'Pay now' });
    this.paid = page.getByText('Paid — you will receive the confirmation on WhatsApp.');
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
  }

  /** The order's title, e.g. "Order ORD-2026-000001". */
  orderHeading(code: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(code)) });
  }

  /** A line of the order summary. */
  line(name: string | RegExp): Locator {
    return this.main.getByText(name);
  }

  async switchLanguage(name: LanguageName): Promise<void> {
    await this.languageSwitcher.getByRole('radio', { name }).click();
  }
}

/** `/pay/test/:sessionId`: the test provider's page, where a payment goes through or is declined. */
export class TestPaymentPage {
  readonly heading: Locator;
  readonly pay: Locator;
  readonly decline: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByText('Test payment page');
    this.pay = page.getByRole('button', { name: 'Pay', exact: true });
    this.decline = page.getByRole('button', { name: 'Decline', exact: true });
  }

  async expectOpen(): Promise<void> {
    await expect(this.page).toHaveURL(/\/pay\/test\//);
    await expect(this.pay).toBeVisible();
  }
}

/** `/w/:id/orders`: the list of orders. */
export class OrdersPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Orders' });
    this.table = page.getByRole('table', { name: 'Orders' });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.statusFilter = page.getByLabel('Status');
  }

  async open(): Promise<void> {
    await this.shell.navLink('Orders').click();
    await expect(this.heading).toBeVisible();
  }

  /** The row of the order `code`. */
  row(code: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: code, exact: true }) });
  }

  async openOrder(code: string): Promise<OrderDetailPage> {
    await this.row(code).getByRole('link', { name: code, exact: true }).click();
    const detail = new OrderDetailPage(this.page);
    await expect(detail.heading(code)).toBeVisible();
    return detail;
  }
}

/** `/w/:id/orders/:orderId`: one order, its status, lines, history and invoice. */
export class OrderDetailPage {
  readonly invoiceLink: Locator;

  constructor(readonly page: Page) {
    this.invoiceLink = page.getByRole('link', { name: /^Invoice PDF/ });
  }

  heading(code: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(code)) });
  }

  /** The order's status badge, in its header. */
  status(label: string): Locator {
    return this.page.getByRole('main').getByText(label, { exact: true }).first();
  }

  /** Clicks the invoice link and returns the file the browser downloads. */
  async downloadInvoice(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.invoiceLink.click();
    return download;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
