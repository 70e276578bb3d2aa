import { act, screen, waitFor } from '@testing-library/react';
import qrcode from 'qrcode-generator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberPayment } from '../../../renderer/src/api/cache';
import { PaymentStatusPanel } from '../../../renderer/src/features/payment/PaymentStatusPanel';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { PaymentDto } from '../../../shared/api/schemas';
import { aCustomerCard, aLinkPayment, LINK_URL } from './paylink-fixtures';
import { renderWithCore, speak, testQueryClient } from './render';

/** As in the app: Pay has put the link payment in the cache before the panel opens. */
function showPanel(payment: PaymentDto, answers: Parameters<typeof renderWithCore>[1] = {}) {
  useCounterStore.setState({ paymentId: payment.id });
  const queryClient = testQueryClient();
  rememberPayment(queryClient, payment);
  return renderWithCore(
    <PaymentStatusPanel paymentId={payment.id} />,
    { 'customers.card': aCustomerCard(), ...answers },
    queryClient,
  );
}

/** The dark squares the SVG draws, as "row,col" of the QR matrix (the quiet zone is 4 modules). */
function drawnModules(svg: Element): Set<string> {
  const d = svg.querySelector('path')?.getAttribute('d') ?? '';
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(([, x, y]) => `${Number(y) - 4},${Number(x) - 4}`));
}

afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('pay link panel: a QR of the link at the counter', () => {
  it('draws the QR of exactly the payment link, named for a screen reader, with the link as text too', async () => {
    showPanel(aLinkPayment());
    const qr = await screen.findByRole('img', { name: 'QR code to pay €12.50' });
    const expected = qrcode(0, 'M');
    expected.addData(LINK_URL, 'Byte');
    expected.make();
    const size = expected.getModuleCount();
    const dark = new Set<string>();
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (expected.isDark(r, c)) dark.add(`${r},${c}`);
    expect(drawnModules(qr)).toEqual(dark);
    expect(qr.getAttribute('viewBox')).toBe(`0 0 ${size + 8} ${size + 8}`);
    expect(screen.getByTestId('paylink-url').textContent).toBe(LINK_URL);
    expect(screen.getByText('€12.50 · Bloemenhandel De Tulp')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Payment status' }).textContent).toBe('Waiting for the customer to pay…');
  });

  it('names the QR in Dutch too', async () => {
    speak('nl');
    showPanel(aLinkPayment());
    expect(await screen.findByRole('img', { name: 'QR-code om €\u00a012,50 te betalen' })).toBeTruthy();
  });

  it('counts down to the link expiry every second, and says when it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00.000Z'));
    showPanel(aLinkPayment({}, '2026-12-01T10:05:00.000Z'));
    expect(screen.getByRole('timer', { name: 'Time left to pay' }).textContent).toBe('Expires in 5:00');
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByRole('timer').textContent).toBe('Expires in 3:59');
    act(() => vi.advanceTimersByTime(4 * 60_000));
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('The link has expired.')).toBeTruthy();
  });

  it('copies the link to the clipboard and says so; says to copy by hand when the browser refuses', async () => {
    const { user } = showPanel(aLinkPayment());
    // After user-event's setup, which puts its own clipboard stub in place.
    const writeText = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(LINK_URL);
    expect(await screen.findByText('Link copied to the clipboard.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Could not copy: select the link text and copy it by hand.')).toBeTruthy();
  });

  it('"Stop waiting" is the ordinary cancel, explained as paid-after-cancel for a manager', async () => {
    const waiting = aLinkPayment();
    const { user, calls } = showPanel(waiting, { 'payments.cancel': { ...waiting, cancelRequested: true } });
    const stop = await screen.findByRole('button', { name: 'Stop waiting' });
    expect(stop.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(stop.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'a manager sees it as paid after cancel',
    );
    await user.click(stop);
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'payments.cancel')).toEqual([
        { method: 'payments.cancel', input: { paymentId: 'pay-1' } },
      ]),
    );
    expect(await screen.findByText('Stopped waiting — a payment that still arrives goes to a manager.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Stop waiting' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('Escape stops waiting from anywhere on the panel', async () => {
    const waiting = aLinkPayment();
    const { user, calls } = showPanel(waiting, { 'payments.cancel': { ...waiting, cancelRequested: true } });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Copy link'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(calls.some((c) => c.method === 'payments.cancel')).toBe(true));
  });

  it('sends the link by e-mail to the address on the customer card, in the customer language', async () => {
    const { user, calls } = showPanel(aLinkPayment(), {
      'paylinks.email': (input) => ({
        id: '0b0b0b0b-0000-4000-8000-000000000001',
        kind: 'email',
        purpose: 'payment-link',
        documentKind: 'payment',
        documentId: input.paymentId,
        target: input.to,
        messageId: '<1@kassa.invalid>',
        status: 'waiting',
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        requestedBy: 'C1',
        createdAt: '2026-12-01T10:00:01.000Z',
        sentAt: null,
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Send by e-mail' }));
    const to = (await screen.findByLabelText("Customer's e-mail")) as HTMLInputElement;
    await waitFor(() => expect(to.value).toBe('inkoop@detulp.test'));
    expect((screen.getByLabelText('E-mail language') as HTMLSelectElement).value).toBe('nl');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('E-mail to inkoop@detulp.test queued.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'paylinks.email')?.input).toEqual({
      paymentId: 'pay-1',
      to: 'inkoop@detulp.test',
      language: 'nl',
    });
  });

  it('once paid, the ordinary status panel takes over: Approved, with the receipt', async () => {
    showPanel(aLinkPayment({ status: 'approved', phase: null, cardBrand: 'Visa', cardLast4: '4242' }));
    expect((await screen.findByRole('status', { name: 'Payment status' })).textContent).toBe('Approved');
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    expect(screen.getByText('Visa •••• 4242')).toBeTruthy();
  });

  it('an expired link says so in words for links, not for cards', async () => {
    showPanel(aLinkPayment({ status: 'expired', phase: null }));
    expect((await screen.findByRole('status', { name: 'Payment status' })).textContent).toBe('The link has expired.');
  });
});
