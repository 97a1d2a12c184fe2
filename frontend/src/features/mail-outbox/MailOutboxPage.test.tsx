import { screen, within } from '@testing-library/react';
import { mockFetch } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { OutboxMail } from './api/mailOutbox';

function mail(index: number): OutboxMail {
  return {
    id: `m-${index}`,
    to: `person${index}@example.com`,
    subject: `Invitation ${index}`,
    body: `Hello,\nopen http://shop.example/invite/tok-${index}. It expires in 7 days.`,
    createdAt: '2026-12-01T10:00:00Z',
    status: index === 1 ? 'sent' : 'queued',
  };
}

describe('MailOutboxPage', () => {
  it('lists the e-mails with expandable bodies whose links are clickable', async () => {
    mockFetch({
      ...meRoute(makeMe('admin')),
      [`/api/workspaces/${SHOP_ID}/mail-outbox`]: { body: { items: [mail(1), mail(2)], total: 2 } },
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/mail-outbox`);

    const first = (await screen.findByText('Invitation 1')).closest('li') as HTMLElement;
    expect(within(first).getByText('To: person1@example.com')).toBeInTheDocument();
    expect(within(first).getByText('Sent')).toBeInTheDocument();
    const details = first.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);

    await user.click(within(first).getByText('Invitation 1'));
    expect(details.open).toBe(true);
    const link = within(first).getByRole('link', { name: 'http://shop.example/invite/tok-1' });
    expect(link).toHaveAttribute('href', 'http://shop.example/invite/tok-1');
    expect(screen.getByText('Page 1 of 1')).toBeInTheDocument();
  });

  it('pages through the outbox', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`/api/workspaces/${SHOP_ID}/mail-outbox`]: ({ url }) => {
        const page = Number(url.searchParams.get('page'));
        return { body: { items: [mail(page * 100)], total: 45 } };
      },
    });
    const { user, router } = renderRoute(`/w/${SHOP_ID}/mail-outbox`);

    expect(await screen.findByText('Invitation 100')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Invitation 200')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=2');
    const urls = fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('mail-outbox'));
    expect(urls).toEqual([
      `/api/workspaces/${SHOP_ID}/mail-outbox?page=1&limit=20`,
      `/api/workspaces/${SHOP_ID}/mail-outbox?page=2&limit=20`,
    ]);
  });
});
