import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN, SHOP } from './pages/accounts';
import { InboxPage, SimulatorPage } from './pages/InboxPages';
import { LoginPage } from './pages/LoginPage';

/** Unique per run, so that tests can run again on the same database. */
function stamp(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

/** A number no earlier run has used: each one is a new sandbox conversation. */
function uniquePhone(id: string): string {
  return `+39333${id.slice(-7)}`;
}

/**
 * One signed-in context for the whole file: the test chat and the inbox are two pages of it, as
 * a team member would have them in two browser tabs. The server allows only a few sign-ins per
 * minute for one address, and the other specs sign the admin in too.
 */
test.describe('inbox and test chat, as an admin', () => {
  test.describe.configure({ mode: 'serial' });

  let context: BrowserContext;
  let phonePage: Page;
  let workspaceId: string;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    phonePage = await context.newPage();
    const login = new LoginPage(phonePage);
    await login.login(ADMIN.email, ADMIN.password);
    await login.shell.openWorkspace(SHOP);
    workspaceId = login.shell.workspaceId();
  });

  test.afterAll(async () => {
    await context.close();
  });

  /** The inbox in a second page of the same context, already receiving live updates. */
  async function openInbox(filter?: string): Promise<InboxPage> {
    const inbox = new InboxPage(await context.newPage());
    await inbox.goto(workspaceId, filter);
    return inbox;
  }

  test('a message from the test chat reaches the inbox live, and the reply reaches the phone', async () => {
    const id = stamp();
    const customer = `Cliente di prova ${id}`;
    const question = `Avete il parmigiano? (${id})`;
    const answer = `Sì, il 24 mesi è disponibile (${id})`;

    const inbox = await openInbox('all');
    const simulator = new SimulatorPage(phonePage);
    await simulator.open();
    await simulator.startAs(customer, uniquePhone(id));

    await test.step('the customer writes from the simulated phone', async () => {
      await simulator.sendText(question);
    });

    await test.step('the conversation appears in the inbox without a reload, marked as a test chat', async () => {
      const row = inbox.conversation(customer);
      await expect(row).toBeVisible();
      await expect(row.getByText('Test chat', { exact: true })).toBeVisible();
      await inbox.open(customer);
      await expect(inbox.message(question)).toBeVisible();
      // A new customer is first sent the registration link (the preview then shows that reply).
      await expect(inbox.message(/registrati qui/)).toBeVisible();
    });

    await test.step('the operator replies and the phone shows the reply', async () => {
      await inbox.reply(answer);
      await expect(inbox.message(answer)).toBeVisible();
      await expect(simulator.fromBusiness(answer)).toBeVisible();
    });

    await test.step('once the phone has shown the reply, the inbox ticks it read', async () => {
      await expect(inbox.message(answer).getByRole('img', { name: 'Read' })).toBeVisible();
    });

    await inbox.page.close();
  });

  test('an operator takes a conversation over from the assistant and hands it back', async () => {
    const id = stamp();
    const customer = `Cliente da seguire ${id}`;

    const simulator = new SimulatorPage(phonePage);
    await simulator.open();
    if (await simulator.phoneScreen.isVisible()) await phonePage.getByRole('button', { name: 'Change customer' }).click();
    await simulator.startAs(customer, uniquePhone(id));
    await simulator.sendText(`Vorrei parlare con una persona (${id})`);

    const inbox = await openInbox('all');
    // A colleague's inbox on the "Team" filter: it follows the take-over live.
    const colleague = await openInbox('human');
    await expect(colleague.conversation(customer)).toHaveCount(0);

    await test.step('take over: the team answers now', async () => {
      await inbox.open(customer);
      await expect(inbox.mode('Assistant replies')).toBeVisible();
      await inbox.takeOver.click();
      await expect(inbox.mode('Team replies')).toBeVisible();
      await expect(inbox.handBack).toBeVisible();
      await expect(inbox.conversation(customer).getByText('Team replies', { exact: true })).toBeVisible();
      await expect(colleague.conversation(customer)).toBeVisible();
    });

    await test.step('hand back: the assistant answers again', async () => {
      await inbox.handBack.click();
      await expect(inbox.mode('Assistant replies')).toBeVisible();
      await expect(inbox.takeOver).toBeVisible();
      await expect(inbox.conversation(customer).getByText('Team replies', { exact: true })).toHaveCount(0);
      await expect(colleague.conversation(customer)).toHaveCount(0);
    });

    await inbox.page.close();
    await colleague.page.close();
  });
});
