import { expect, test, type Locator, type Page } from '@playwright/test';
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

  /**
   * Logs in and waits for a workspace page. The server allows only a few sign-ins per minute for
   * one address: when a run goes over, this waits as long as the 429 answer asks, once, and tries again.
   */
  async login(email: string, password: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await this.goto();
      const answer = this.page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/auth/login' && response.request().method() === 'POST',
      );
      await this.submitCredentials(email, password);
      const response = await answer;
      if (response.status() !== 429 || attempt > 1) break;
      const waitSeconds = Math.min(Number(response.headers()['retry-after']) || 60, 120);
      test.info().setTimeout(test.info().timeout + (waitSeconds + 10) * 1000);
      await this.page.waitForTimeout(waitSeconds * 1000);
    }
    await expect(this.page).toHaveURL(/\/w\/[^/]+/);
    await expect(this.shell.workspaceSwitcher).toBeVisible();
  }
}
