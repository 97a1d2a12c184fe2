import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class LoginPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly forgotPasswordLink: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to ShopMe' });
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
    this.forgotPasswordLink = page.getByRole('link', { name: 'Forgot your password?' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.heading).toBeVisible();
  }

  async submitCredentials(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Logs in and waits for a workspace page. */
  async login(email: string, password: string): Promise<void> {
    await this.goto();
    await this.submitCredentials(email, password);
    await expect(this.page).toHaveURL(/\/w\/[^/]+/);
    await expect(this.shell.workspaceSwitcher).toBeVisible();
  }
}
