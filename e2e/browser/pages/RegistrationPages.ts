import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { LanguageName } from './AppShell';

export type RegistrationDetails = {
  name: string;
  email: string;
  line1: string;
  city: string;
  postalCode: string;
  /** The country's name as the select shows it in English, e.g. "Italy". */
  country: string;
  pushOptIn?: boolean;
};

/**
 * `/s/:token`: the page a customer opens from the registration link sent on WhatsApp. No login;
 * labels are the English ones (switch to English first when the page opened in another language).
 */
export class PublicRegistrationPage {
  readonly main: Locator;
  readonly languageSwitcher: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly preferredLanguage: Locator;
  readonly line1: Locator;
  readonly city: Locator;
  readonly postalCode: Locator;
  readonly country: Locator;
  readonly privacyNotice: Locator;
  readonly consent: Locator;
  readonly pushOptIn: Locator;
  readonly submit: Locator;
  readonly confirmation: Locator;
  readonly newLinkHint: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.languageSwitcher = page.getByRole('banner').getByRole('radiogroup');
    this.name = page.getByLabel('Full name');
    this.email = page.getByLabel('Email');
    this.preferredLanguage = page.getByLabel('Preferred language');
    this.line1 = page.getByLabel('Street and number');
    this.city = page.getByLabel('City');
    this.postalCode = page.getByLabel('Postal code');
    this.country = page.getByLabel('Country');
    this.privacyNotice = page.getByRole('region', { name: 'Privacy notice' });
    this.consent = page.getByRole('checkbox', { name: /I have read the privacy notice/ });
    this.pushOptIn = page.getByRole('checkbox', { name: /news and offers/ });
    this.submit = page.getByRole('button', { name: 'Register', exact: true });
    this.confirmation = page.getByRole('heading', { level: 1, name: 'You are registered!' });
    this.newLinkHint = page.getByText('To get a new link, write to the shop on WhatsApp.');
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
  }

  /** The shop's name is the page's title. */
  shopHeading(shop: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: shop });
  }

  /** The page in place of an expired, used or unknown link. */
  unavailable(title: 'This link has expired' | 'This link has already been used' | 'This link is not valid'): Locator {
    return this.page.getByRole('heading', { level: 1, name: title });
  }

  async switchLanguage(name: LanguageName): Promise<void> {
    await this.languageSwitcher.getByRole('radio', { name }).click();
  }

  async fill(details: RegistrationDetails): Promise<void> {
    await this.name.fill(details.name);
    await this.email.fill(details.email);
    await this.line1.fill(details.line1);
    await this.city.fill(details.city);
    await this.postalCode.fill(details.postalCode);
    await this.country.selectOption({ label: details.country });
    await this.consent.check();
    if (details.pushOptIn) await this.pushOptIn.check();
  }

  async register(details: RegistrationDetails): Promise<void> {
    await this.fill(details);
    await this.submit.click();
    await expect(this.confirmation).toBeVisible();
  }
}

/** The server's CSRF check on state-changing requests. */
const CSRF = { 'X-Requested-With': 'shopme' };

type Membership = { workspaceId: string; workspaceName: string };
type Message = { direction: string; text: string | null };

/**
 * The API as a signed-in team member, for what a test needs behind the scenes: a customer writing
 * from the test chat, and the replies the conversation gets.
 */
export class WorkspaceApi {
  private constructor(
    private readonly request: APIRequestContext,
    readonly workspaceId: string,
  ) {}

  /** Signs in on `request` (which keeps the session cookies) and picks the workspace named `workspace`. */
  static async signIn(request: APIRequestContext, email: string, password: string, workspace: string): Promise<WorkspaceApi> {
    const response = await request.post('/api/auth/login', { data: { email, password }, headers: CSRF });
    expect(response.status(), await response.text()).toBe(200);
    const me = (await response.json()) as { memberships: Membership[] };
    const membership = me.memberships.find((candidate) => candidate.workspaceName === workspace);
    if (!membership) throw new Error(`not a member of ${workspace}`);
    return new WorkspaceApi(request, membership.workspaceId);
  }

  private path(rest: string): string {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}${rest}`;
  }

  /** A customer writes from the test chat; returns the conversation. */
  async customerWrites(name: string, phone: string, text: string): Promise<string> {
    const response = await this.request.post(this.path('/simulator/messages'), {
      data: { name, phone, text },
      headers: CSRF,
    });
    expect(response.status(), await response.text()).toBe(202);
    return ((await response.json()) as { conversationId: string }).conversationId;
  }

  /** The texts the business sent in the conversation, newest first. */
  async repliesIn(conversationId: string): Promise<string[]> {
    const response = await this.request.get(this.path(`/conversations/${encodeURIComponent(conversationId)}/messages`));
    expect(response.status(), await response.text()).toBe(200);
    const { items } = (await response.json()) as { items: Message[] };
    return items.filter((message) => message.direction === 'outbound').map((message) => message.text ?? '');
  }

  /**
   * Waits for the registration link the background job sends to the customer, and returns its
   * path (`/s/<token>`), to be opened on the server under test whatever public address it announces.
   */
  async registrationLinkIn(conversationId: string): Promise<string> {
    let path = '';
    await expect
      .poll(
        async () => {
          for (const text of await this.repliesIn(conversationId)) {
            const match = /\/s\/[A-Za-z0-9_~.-]+/.exec(text);
            if (match) {
              path = match[0].replace(/[.]+$/, '');
              return true;
            }
          }
          return false;
        },
        { message: 'the registration link reaches the chat', timeout: 15_000 },
      )
      .toBe(true);
    return path;
  }
}
