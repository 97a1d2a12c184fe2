import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** `/w/:id/inbox[/:conversationId]`: the conversation list, the open thread and its side panels. */
export class InboxPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly liveStatus: Locator;
  readonly list: Locator;
  readonly search: Locator;
  readonly thread: Locator;
  readonly replyBox: Locator;
  readonly send: Locator;
  readonly takeOver: Locator;
  readonly handBack: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Inbox' });
    this.liveStatus = page.getByRole('status').filter({ hasText: /^(Live|Connecting…|Reconnecting…)$/ });
    this.list = page.getByRole('list', { name: 'Conversations' });
    this.search = page.getByRole('searchbox', { name: 'Search conversations' });
    this.thread = page.getByRole('list', { name: 'Messages' });
    this.replyBox = page.getByRole('textbox', { name: 'Reply' });
    this.send = page.getByRole('button', { name: 'Send', exact: true });
    this.takeOver = page.getByRole('button', { name: 'Take over' });
    this.handBack = page.getByRole('button', { name: 'Hand back to the assistant' });
  }

  /** Opens the inbox in this page at `filter` and waits until live updates flow. */
  async goto(workspaceId: string, filter?: string): Promise<void> {
    await this.page.goto(`/w/${encodeURIComponent(workspaceId)}/inbox${filter ? `?filter=${filter}` : ''}`);
    await expect(this.heading).toBeVisible();
    await expect(this.liveStatus).toHaveText('Live');
  }

  /** A conversation of the list, by the customer's name. */
  conversation(customerName: string): Locator {
    return this.list.getByRole('link').filter({ hasText: customerName });
  }

  async open(customerName: string): Promise<void> {
    await this.conversation(customerName).click();
    await expect(this.page.getByRole('heading', { level: 2, name: customerName })).toBeVisible();
  }

  /** The open conversation: its header, thread and composer. */
  get current(): Locator {
    return this.page.getByRole('region', { name: /^Conversation with / });
  }

  /** Who answers the open conversation, as its header says ("Assistant replies" / "Team replies"). */
  mode(label: 'Assistant replies' | 'Team replies'): Locator {
    return this.current.getByText(label, { exact: true });
  }

  message(text: string | RegExp): Locator {
    return this.thread.getByRole('article').filter({ hasText: text });
  }

  async reply(text: string): Promise<void> {
    await this.replyBox.fill(text);
    await this.send.click();
    await expect(this.replyBox).toHaveValue('');
  }
}

/** `/w/:id/simulator`: the team member plays a customer on a simulated phone. */
export class SimulatorPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly liveStatus: Locator;
  readonly name: Locator;
  readonly phone: Locator;
  readonly start: Locator;
  readonly phoneScreen: Locator;
  readonly messageBox: Locator;
  readonly send: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Test chat' });
    this.liveStatus = page.getByRole('status').filter({ hasText: /^(Live|Connecting…|Reconnecting…)$/ });
    this.name = page.getByLabel('Customer name');
    this.phone = page.getByLabel('WhatsApp number');
    this.start = page.getByRole('button', { name: 'Start chatting' });
    this.phoneScreen = page.getByRole('region', { name: 'Simulated phone' });
    this.messageBox = this.phoneScreen.getByRole('textbox', { name: 'Message' });
    this.send = this.phoneScreen.getByRole('button', { name: 'Send', exact: true });
  }

  async open(): Promise<void> {
    await this.shell.navLink('Test chat').click();
    await expect(this.heading).toBeVisible();
    await expect(this.liveStatus).toHaveText('Live');
  }

  /** Plays the customer `name` writing from `phone`. */
  async startAs(name: string, phone: string): Promise<void> {
    await this.name.fill(name);
    await this.phone.fill(phone);
    await this.start.click();
    await expect(this.phoneScreen).toBeVisible();
  }

  async sendText(text: string): Promise<void> {
    await this.messageBox.fill(text);
    await this.send.click();
    await expect(this.messageBox).toHaveValue('');
    await expect(this.mine(text)).toBeVisible();
  }

  /** A message the simulated customer sent. */
  mine(text: string): Locator {
    return this.phoneScreen.getByRole('article', { name: 'Your message' }).filter({ hasText: text });
  }

  /** A message the workspace sent to the simulated customer. */
  fromBusiness(text: string | RegExp): Locator {
    return this.phoneScreen.getByRole('article', { name: /^Message from / }).filter({ hasText: text });
  }
}
