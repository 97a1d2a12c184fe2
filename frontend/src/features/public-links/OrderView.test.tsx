import { screen, within } from '@testing-library/react';
import { LINK_PATH, orderLink, publicOrder, renderLink } from './testing';

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PublicLinkPage'), 60_000);

describe('order link', () => {
  it('shows where the order is, its history, the parcel, the address and the invoice', async () => {
    renderLink({ [LINK_PATH]: { body: orderLink() } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Order ORD-2026-000123' })).toBeInTheDocument();
    const status = screen.getByText('Status').nextElementSibling;
    expect(status).toHaveTextContent('Shipped');
    expect(screen.getByText('Payment').nextElementSibling).toHaveTextContent('Paid');

    const shipment = screen.getByRole('region', { name: 'Shipment' });
    expect(shipment).toHaveTextContent('Tracking number: BRT-0012345');
    const track = within(shipment).getByRole('link', { name: 'Track your parcel' });
    expect(track).toHaveAttribute('href', 'https://tracking.example/BRT-0012345');
    expect(track).toHaveAttribute('target', '_blank');
    expect(track).toHaveAttribute('rel', 'noopener noreferrer');

    const history = within(screen.getByRole('region', { name: 'History' })).getAllByRole('listitem');
    expect(history.map((item) => item.querySelector('p')?.textContent)).toEqual(['Awaiting payment', 'Paid', 'Shipped']);
    expect(history[2]?.querySelector('time')).toHaveAttribute('dateTime', '2026-12-01T09:30:00Z');

    const address = screen.getByRole('region', { name: 'Shipping address' });
    expect([...address.querySelectorAll('p')].map((line) => line.textContent)).toEqual(['Via Roma 1', '20121 Milano', 'Italy']);

    expect(screen.getByRole('region', { name: 'Invoice' })).toHaveTextContent(
      'Invoice FT-2026-0042 has been issued. Write to us on WhatsApp to receive the link to download it.',
    );
    expect(within(screen.getByRole('list', { name: 'Items' })).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('leaves out what the order does not have yet, and names statuses in the customer’s language', async () => {
    renderLink({
      [LINK_PATH]: {
        body: orderLink({
          workspace: { name: 'Bottega Italiana', defaultLanguage: 'it' },
          order: {
            ...publicOrder({ status: 'processing', paymentStatus: 'paid', paymentExpiresAt: null }),
            trackingNumber: null,
            trackingUrl: null,
            shippingAddress: null,
            invoice: { available: false },
          },
          // History can also come next to the order.
          events: [{ toStatus: 'processing', at: '2026-11-30T12:00:00Z' }],
        }),
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Ordine ORD-2026-000123' })).toBeInTheDocument();
    expect(screen.getByText('Stato').nextElementSibling).toHaveTextContent('In lavorazione');
    expect(within(screen.getByRole('region', { name: 'Cronologia' })).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Spedizione' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Indirizzo di spedizione' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Fattura' })).not.toBeInTheDocument();
  });
});
