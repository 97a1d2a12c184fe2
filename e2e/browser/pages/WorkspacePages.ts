import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** `/w/:id`: the workspace overview. */
export class WorkspaceOverviewPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  heading(workspaceName: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: workspaceName });
  }
}

/** What a role without access to a section sees instead of it. */
export class NotAllowedPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Not allowed' });
  }

  async goto(workspaceId: string, section: string): Promise<void> {
    await this.page.goto(`/w/${encodeURIComponent(workspaceId)}/${section}`);
  }
}

export class TeamPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly inviteEmail: Locator;
  readonly inviteRole: Locator;
  readonly sendInvitation: Locator;
  readonly members: Locator;
  readonly invitations: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Team' });
    const inviteCard = page.getByRole('region', { name: 'Invite someone' });
    this.inviteEmail = inviteCard.getByLabel('Email address');
    this.inviteRole = inviteCard.getByLabel('Role');
    this.sendInvitation = inviteCard.getByRole('button', { name: 'Send invitation' });
    this.members = page.getByRole('region', { name: 'Members' });
    this.invitations = page.getByRole('region', { name: 'Pending invitations' });
  }

  async open(): Promise<void> {
    await this.shell.navLink('Team').click();
    await expect(this.heading).toBeVisible();
  }

  async invite(email: string, role: 'Admin' | 'Manager' | 'Agent'): Promise<void> {
    await this.inviteEmail.fill(email);
    await this.inviteRole.selectOption({ label: role });
    await this.sendInvitation.click();
    await expect(this.page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
    await expect(this.invitations.getByText(email, { exact: true })).toBeVisible();
  }
}

export class MailOutboxPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly nextPage: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Mail outbox' });
    this.nextPage = page.getByRole('button', { name: 'Next' });
  }

  async open(): Promise<void> {
    await this.shell.navLink('Mail outbox').click();
    await expect(this.heading).toBeVisible();
  }

  pageIndicator(page: number): Locator {
    return this.page.getByText(new RegExp(`^Page ${page} of \\d+$`));
  }

  /** The newest e-mail to `recipient` on the current page (the list is newest first). */
  mailTo(recipient: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: `To: ${recipient}` }).first();
  }

  /**
   * Finds the e-mail to `recipient`, looking through the pages and reloading while it is not
   * there yet (mail may be written a moment after the request), expands it and returns the href
   * of the first link whose path starts with `pathPrefix`.
   */
  async linkInMailTo(recipient: string, pathPrefix: string): Promise<string> {
    await expect(async () => {
      await this.page.reload();
      await expect(this.heading).toBeVisible();
      await expect(this.pageIndicator(1)).toBeVisible();
      for (let page = 2; (await this.mailTo(recipient).count()) === 0 && (await this.nextPage.isEnabled()); page += 1) {
        await this.nextPage.click();
        await expect(this.pageIndicator(page)).toBeVisible();
      }
      await expect(this.mailTo(recipient)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });

    const mail = this.mailTo(recipient);
    await mail.locator('summary').click();
    const link = mail.getByRole('link').filter({ hasText: pathPrefix }).first();
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    if (!href) throw new Error(`the mail to ${recipient} has no ${pathPrefix} link`);
    return href;
  }
}

export class InvitationPage {
  readonly name: Locator;
  readonly password: Locator;
  readonly confirmPassword: Locator;
  readonly accept: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Your name');
    this.password = page.getByLabel('Password', { exact: true });
    this.confirmPassword = page.getByLabel('Confirm password');
    this.accept = page.getByRole('button', { name: 'Accept invitation' });
  }

  heading(workspaceName: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Join ${workspaceName}` });
  }

  summary(workspaceName: string, role: string): Locator {
    return this.page.getByText(`You have been invited to join ${workspaceName} as ${role}.`);
  }

  /** Opens an invite link from an e-mail on this server, whatever host the e-mail names. */
  async gotoLink(href: string): Promise<void> {
    const { pathname } = new URL(href, 'http://placeholder.invalid');
    await this.page.goto(pathname);
  }

  async acceptAsNewUser(name: string, password: string): Promise<void> {
    await this.name.fill(name);
    await this.password.fill(password);
    await this.confirmPassword.fill(password);
    await this.accept.click();
  }
}
