import { screen, within } from '@testing-library/react';
import { invoiceLink, LINK_PATH, renderLink } from './testing';

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PublicLinkPage'), 60_000);

describe('invoice link', () => {
  it('shows the invoice as issued and links its PDF', async () => {
    renderLink({ [LINK_PATH]: { body: invoiceLink() } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Invoice FT-2026-0042' })).toBeInTheDocument();
    expect(screen.getByText('Issued').nextElementSibling).toHaveTextContent('November 30, 2026');
    expect(screen.getByText('Order').nextElementSibling).toHaveTextContent('ORD-2026-000123');

    const pdf = screen.getByRole('link', { name: 'Download PDF' });
    expect(pdf).toHaveAttribute('href', `${LINK_PATH}/invoice.pdf`);
    expect(pdf).toHaveAttribute('download');

    const seller = screen.getByRole('region', { name: 'From' });
    expect(seller).toHaveTextContent('Bottega Italiana Srl');
    expect(seller).toHaveTextContent('Via Garibaldi 10 40121 Bologna BO Italia');
    expect(seller).toHaveTextContent('VAT number: IT01234567890');
    const buyer = screen.getByRole('region', { name: 'To' });
    expect(buyer).toHaveTextContent('Giulia Bianchi');
    expect(buyer).toHaveTextContent('Via Roma 120121 MilanoItaly');
    expect(buyer).not.toHaveTextContent('VAT number');

    const items = within(screen.getByRole('list', { name: 'Items' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Parmigiano Reggiano DOP 24 mesi2 × €18.90 · VAT 4%FOR-PR24€37.80',
      'Cesto regalo1 × €25.00 · VAT 22%GIFT-01€25.00',
    ]);
    // Tax rates are percentages, as everywhere in the API.
    expect(items[0]).not.toHaveTextContent('400%');
    const totals = screen.getByLabelText('Totals');
    expect([...totals.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`)).toEqual([
      'Subtotal: €62.80',
      'Shipping: €5.90',
      'Total: €68.70',
      'Tax included: €5.96',
    ]);
  });

  it('writes rates, discounts and money as the customer’s language does', async () => {
    const invoice = invoiceLink().invoice;
    renderLink({
      [LINK_PATH]: {
        body: invoiceLink({
          workspace: { name: 'Bottega Italiana', defaultLanguage: 'it' },
          invoice: {
            ...invoice,
            lines: [{ name: 'Pane', sku: 'PAN-01', quantity: 2, unitPrice: 350, discount: 70, taxRate: 4.5, total: 630 }],
          },
        }),
      },
    });

    expect(await screen.findByRole('link', { name: 'Scarica PDF' })).toBeInTheDocument();
    const [line] = within(screen.getByRole('list', { name: 'Articoli' })).getAllByRole('listitem');
    expect(line).toHaveTextContent('2 × 3,50 € · sconto 0,70 € · IVA 4,5%');
  });
});
