import { expect, test } from '@playwright/test';
import { ADMIN } from './pages/accounts';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { StatusPage } from './pages/StatusPage';

const STATUS_TEXT_IT = {
  title: 'Stato del sistema',
  overall: 'Stato generale',
  server: 'Server',
  checks: 'Controlli',
};

test.describe('application shell', () => {
  test('public status page, language switch, login redirect and not-found page', async ({ page, request }) => {
    const versionResponse = await request.get('/api/version');
    expect(versionResponse.ok()).toBe(true);
    const { version } = (await versionResponse.json()) as { version: string };

    const status = new StatusPage(page);
    const login = new LoginPage(page);

    await test.step('/ asks a visitor to sign in', async () => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/login$/);
      await expect(login.heading).toBeVisible();
      await expect(status.shell.productName).toBeVisible();
    });

    await test.step('/status shows the system status of a ready server without an account', async () => {
      await status.goto('/status');
      await expect(status.shell.productName).toBeVisible();
      await expect(status.heading).toBeVisible();
      await expect(status.overallState('Ready')).toBeVisible();
      await expect(status.checks.getByText('OK', { exact: true })).toHaveCount(2);
      await expect(status.server.getByText(version, { exact: true })).toBeVisible();
    });

    await test.step('switching to Italian translates the page and is remembered', async () => {
      await status.shell.switchLanguage('Italiano');
      const italian = status.inLanguage(STATUS_TEXT_IT);
      await expect(italian.heading).toBeVisible();
      await expect(italian.overallState('Pronto')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'it');

      await page.reload();
      await expect(italian.heading).toBeVisible();
      await expect(status.shell.languageOption('Italiano')).toHaveAttribute('aria-checked', 'true');

      await status.shell.switchLanguage('English');
      await expect(status.heading).toBeVisible();
    });

    await test.step('an unknown route shows the not-found page', async () => {
      const notFound = new NotFoundPage(page);
      await notFound.goto('/this/page/does-not-exist');
      await expect(notFound.heading).toBeVisible();
      await expect(status.shell.productName).toBeVisible();

      await notFound.backLink.click();
      await expect(login.heading).toBeVisible();
      await expect(page).toHaveURL(/\/login$/);
    });
  });

  test('the status page inside a workspace, from the sidebar', async ({ page }) => {
    const login = new LoginPage(page);
    await login.login(ADMIN.email, ADMIN.password);

    const status = new StatusPage(page);
    await status.shell.navLink('System status').click();
    await expect(page).toHaveURL(/\/w\/[^/]+\/status$/);
    await expect(status.shell.navLink('System status')).toHaveAttribute('aria-current', 'page');
    await expect(status.heading).toBeVisible();
    await expect(status.overallState('Ready')).toBeVisible();
  });
});
