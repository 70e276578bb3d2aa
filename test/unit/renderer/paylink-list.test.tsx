import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayLinksView } from '../../../renderer/src/features/paylink/PayLinksView';
import { App } from '../../../renderer/src/features/shell/App';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { PayLinkEntry } from '../../../shared/api/paylink-schemas';
import { aLinkPayment } from './paylink-fixtures';
import { renderWithCore } from './render';

afterEach(() => vi.useRealTimers());

const NOW = new Date('2026-12-01T10:00:00.000Z');

function anEntry(overrides: Partial<PayLinkEntry> = {}, payment = aLinkPayment()): PayLinkEntry {
  return {
    payment,
    holdExpiresAt: '2026-12-01T10:30:00.000Z',
    customerEmail: 'inkoop@detulp.test',
    customerLanguage: 'nl',
    lastEmail: null,
    ...overrides,
  };
}

const sent = anEntry(
  {
    holdExpiresAt: '2026-12-01T09:59:00.000Z',
    lastEmail: { jobId: 'j1', to: 'boekhouding@detulp.test', status: 'sent', at: '2026-12-01T09:00:00.000Z' },
  },
  aLinkPayment({
    id: 'pay-2',
    reference: 'K-0002',
    payLink: { url: 'https://pay.example/l/2', expiresAt: '2026-12-03T09:00:00.000Z', use: 'remote' },
  }),
);
const paid = anEntry(
  { holdExpiresAt: null },
  aLinkPayment({
    id: 'pay-3',
    reference: 'K-0003',
    status: 'approved',
    phase: null,
    payLink: { url: 'https://pay.example/l/3', expiresAt: '2026-12-03T09:00:00.000Z', use: 'remote' },
  }),
);

describe('"Links sent": open links with their hold and e-mail, and what the cashier can do', () => {
  it('lists each link with customer, amount, invoices, status, expiry, the hold and the last e-mail', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    renderWithCore(<PayLinksView />, { 'paylinks.list': [sent, paid] });
    const open = await screen.findByTestId('paylink-row-K-0002');
    const cells = within(open)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells.slice(0, 7)).toEqual([
      'Bloemenhandel De TulpK-0002',
      '€12.50',
      '2026-0001',
      'WaitingSent',
      `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date('2026-12-03T09:00:00.000Z'))} · Expires in 1 d 23 h`,
      'hold ended — another counter could take them',
      'sent to boekhouding@detulp.test',
    ]);
    const done = screen.getByTestId('paylink-row-K-0003');
    expect(within(done).getByText('Approved')).toBeTruthy();
    // An ended link has nothing left to do.
    expect(within(done).queryByRole('button')).toBeNull();
  });

  it('shows until when the invoices are held while the hold lasts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    renderWithCore(<PayLinksView />, { 'paylinks.list': [anEntry()] });
    const row = await screen.findByTestId('paylink-row-K-0001');
    const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date('2026-12-01T10:30:00.000Z'));
    expect(within(row).getByText(`until ${time}`)).toBeTruthy();
  });

  it('resends to the last address (editable), and stops waiting through the ordinary cancel', async () => {
    const { user, calls } = renderWithCore(<PayLinksView />, {
      'paylinks.list': [sent],
      'paylinks.email': (input) => ({
        id: '0b0b0b0b-0000-4000-8000-000000000003',
        kind: 'email',
        purpose: 'payment-link',
        documentKind: 'payment',
        documentId: input.paymentId,
        target: input.to,
        messageId: '<3@kassa.invalid>',
        status: 'waiting',
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        requestedBy: 'C1',
        createdAt: '2026-12-01T10:00:01.000Z',
        sentAt: null,
      }),
      'payments.cancel': { ...sent.payment, cancelRequested: true },
    });
    const row = await screen.findByTestId('paylink-row-K-0002');
    await user.click(within(row).getByRole('button', { name: 'Resend' }));
    const to = screen.getByLabelText("Customer's e-mail") as HTMLInputElement;
    expect(to.value).toBe('boekhouding@detulp.test');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('E-mail to boekhouding@detulp.test queued.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'paylinks.email')?.input).toEqual({
      paymentId: 'pay-2',
      to: 'boekhouding@detulp.test',
      language: 'nl',
    });

    await user.click(within(row).getByRole('button', { name: 'Stop waiting' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'payments.cancel').map((c) => c.input)).toEqual([{ paymentId: 'pay-2' }]),
    );
  });
});

describe('the counter after "Send link"', () => {
  it('a link sent away does not come back on the counter after a reload; a QR still waiting does', async () => {
    const remote = aLinkPayment({
      id: 'pay-remote',
      payLink: { url: 'https://pay.example/l/9', expiresAt: '2026-12-08T10:00:00.000Z', use: 'remote' },
    });
    const { unmount } = renderWithCore(<App />, { 'payments.active': [remote], 'paylinks.list': [] });
    await screen.findByRole('button', { name: 'Links sent (0)' });
    await new Promise((r) => setTimeout(r, 50));
    expect(useCounterStore.getState().paymentId).toBeNull();
    unmount();

    renderWithCore(<App />, { 'payments.active': [remote, aLinkPayment({ id: 'pay-qr' })] });
    await waitFor(() => expect(useCounterStore.getState().paymentId).toBe('pay-qr'));
  });
});
