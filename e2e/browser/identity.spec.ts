import { expect, test } from '@playwright/test';
import { ADMIN, AGENT, HOTEL, MANAGER, SHOP } from './pages/accounts';
import { LoginPage } from './pages/LoginPage';
import {
  InvitationPage,
  MailOutboxPage,
  NotAllowedPage,
  TeamPage,
  WorkspaceOverviewPage,
} from './pages/WorkspacePages';

test.describe('identity', () => {
  test('an admin logs in and lands in Bottega Italiana', async ({ page }) => {
    const login = new LoginPage(page);
    await login.login(ADMIN.email, ADMIN.password);

    const overview = new WorkspaceOverviewPage(page);
    await expect(overview.shell.currentWorkspace(SHOP)).toBeVisible();
    await expect(overview.heading(SHOP)).toBeVisible();
    await expect(page.getByText('Your role in this workspace: Admin.')).toBeVisible();
    for (const section of ['Team', 'Workspace settings', 'Mail outbox', 'System status', 'Profile']) {
      await expect(overview.shell.navLink(section)).toBeVisible();
    }
  });

  test('a wrong password is refused with a message', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();

    // Another account than the admin's, so that a lockout could not spoil the other tests.
    await login.submitCredentials(MANAGER.email, `${MANAGER.password}-wrong`);

    await expect(login.error).toContainText(/Wrong email or password\.|Too many sign-in attempts/);
    await expect(page).toHaveURL(/\/login$/);
    await expect(login.heading).toBeVisible();
  });

  test('the workspace switcher opens Hotel Belvedere and keeps the page', async ({ page }) => {
    const login = new LoginPage(page);
    await login.login(ADMIN.email, ADMIN.password);
    const shell = login.shell;
    await shell.openWorkspace(SHOP);
    const shopId = shell.workspaceId();

    await shell.navLink('Team').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();

    await shell.switchWorkspace(HOTEL);

    await expect(page).toHaveURL(/\/w\/[^/]+\/team$/);
    expect(shell.workspaceId()).not.toBe(shopId);
    await expect(page.getByText(`People who work in ${HOTEL} and what they can do.`)).toBeVisible();

    await shell.navLink('Overview').click();
    await expect(new WorkspaceOverviewPage(page).heading(HOTEL)).toBeVisible();
  });

  test('an invited person joins through the link in the mail outbox', async ({ page }) => {
    const email = `new.person+${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.com`;
    const name = 'Nuova Persona';
    const password = `invited-${Math.random().toString(36).slice(2, 12)}`;

    const login = new LoginPage(page);
    await login.login(ADMIN.email, ADMIN.password);
    await login.shell.openWorkspace(SHOP);
    const shopId = login.shell.workspaceId();

    const team = new TeamPage(page);
    await team.open();
    await team.invite(email, 'Agent');

    const outbox = new MailOutboxPage(page);
    await outbox.open();
    const href = await outbox.linkInMailTo(email, '/invite/');
    expect(new URL(href).pathname).toMatch(/^\/invite\/[^/]+$/);

    await outbox.shell.logout();

    const invitation = new InvitationPage(page);
    await invitation.gotoLink(href);
    await expect(invitation.heading(SHOP)).toBeVisible();
    await expect(invitation.summary(SHOP, 'Agent')).toBeVisible();
    await invitation.acceptAsNewUser(name, password);

    const overview = new WorkspaceOverviewPage(page);
    await expect(overview.heading(SHOP)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/w/${shopId}$`));
    await expect(page.getByText('Your role in this workspace: Agent.')).toBeVisible();
    const menu = await overview.shell.openAccountMenu();
    await expect(menu.getByText(email)).toBeVisible();
    await expect(menu.getByText(name)).toBeVisible();
    await page.keyboard.press('Escape');

    await test.step('the new account can log in again with its password', async () => {
      await overview.shell.logout();
      await login.login(email, password);
      await expect(overview.heading(SHOP)).toBeVisible();
    });
  });

  test('an agent sees no team management, settings or mail outbox', async ({ page }) => {
    const login = new LoginPage(page);
    await login.login(AGENT.email, AGENT.password);
    const shell = login.shell;
    await expect(shell.currentWorkspace(SHOP)).toBeVisible();

    await expect(shell.navLink('Overview')).toBeVisible();
    await expect(shell.navLink('Profile')).toBeVisible();
    await expect(shell.navLink('Team')).toHaveCount(0);
    await expect(shell.navLink('Workspace settings')).toHaveCount(0);
    await expect(shell.navLink('Mail outbox')).toHaveCount(0);

    const notAllowed = new NotAllowedPage(page);
    await notAllowed.goto(shell.workspaceId(), 'settings');
    await expect(notAllowed.heading).toBeVisible();
    await expect(page.getByLabel('Business name')).toHaveCount(0);
  });
});
