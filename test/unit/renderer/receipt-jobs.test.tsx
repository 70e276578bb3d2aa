import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SyncView } from '../../../renderer/src/features/sync/SyncView';
import { TodayView } from '../../../renderer/src/features/today/TodayView';
import type { JobDto } from '../../../shared/api/print-email-schemas';
import { aPayment, aSystemStatus } from './fixtures';
import { renderWithCore } from './render';

function aJob(overrides: Partial<JobDto> = {}): JobDto {
  return {
    id: 'job-1',
    kind: 'email',
    purpose: 'receipt',
    documentKind: 'payment',
    documentId: 'pay-1',
    target: 'inkoop@tulp.test',
    messageId: '<job-1@kassa.invalid>',
    status: 'waiting',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    requestedBy: 'C1',
    createdAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    sentAt: null,
    ...overrides,
  };
}

describe("reprint and re-send from Today's list", () => {
  it('opens the send form of a taken payment, filled with the customer’s address and language, and e-mails it', async () => {
    const approved = aPayment({ id: 'pay-1', reference: 'K-0001', status: 'approved' });
    const declined = aPayment({ id: 'pay-2', reference: 'K-0002', status: 'declined' });
    const { user, calls } = renderWithCore(<TodayView />, {
      'payments.today': [approved, declined],
      'receipts.emailDefaults': { to: 'inkoop@tulp.test', language: 'de' },
      'receipts.email': aJob(),
    });

    const open = await screen.findByRole('button', { name: 'Print or e-mail the receipt of K-0001' });
    expect(screen.queryByRole('button', { name: 'Print or e-mail the receipt of K-0002' })).toBeNull();
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await user.click(open);

    const form = await screen.findByRole('region', { name: 'Send receipt K-0001' });
    const to = within(form).getByLabelText('E-mail to') as HTMLInputElement;
    await waitFor(() => expect(to.value).toBe('inkoop@tulp.test'));
    expect((within(form).getByLabelText('Receipt language') as HTMLSelectElement).value).toBe('de');
    await user.click(within(form).getByRole('button', { name: 'E-mail receipt' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'receipts.email')?.input).toEqual({
        paymentId: 'pay-1',
        to: 'inkoop@tulp.test',
        language: 'de',
        remember: false,
      }),
    );

    await user.click(open);
    expect(screen.queryByRole('region', { name: 'Send receipt K-0001' })).toBeNull();
  });
});

describe('the Sync screen shows the print and mail queue', () => {
  it('lists each job with its reason and age, and offers retry, send again and it-arrived', async () => {
    const { user, calls } = renderWithCore(<SyncView />, {
      'sync.items': [],
      'system.status': aSystemStatus(),
      'jobs.list': [
        aJob({ id: 'job-1', status: 'failed', attempts: 3, lastError: '550 mailbox unavailable' }),
        aJob({ id: 'job-2', kind: 'print', target: 'tcp://10.0.0.9:9100', status: 'uncertain' }),
      ],
      'jobs.retry': aJob({ id: 'job-1' }),
      'jobs.confirmSent': aJob({ id: 'job-2', status: 'sent' }),
    });

    expect(await screen.findByText('Everything has been delivered to the back-office.')).toBeTruthy();
    const queue = await screen.findByRole('table', { name: 'Print and mail queue' });
    const [, failed, uncertain] = within(queue).getAllByRole('row');
    if (!failed || !uncertain) throw new Error('expected two jobs');
    expect(failed.textContent).toContain('550 mailbox unavailable');
    expect(failed.textContent).toContain('waiting 12 min');
    expect(uncertain.textContent).toContain('tcp://10.0.0.9:9100');

    await user.click(within(failed).getByRole('button', { name: 'Retry' }));
    await user.click(within(uncertain).getByRole('button', { name: 'It arrived' }));
    expect(within(uncertain).getByRole('button', { name: 'Send again' })).toBeTruthy();
    await waitFor(() =>
      expect(calls.filter((c) => c.method.startsWith('jobs.') && c.method !== 'jobs.list')).toEqual([
        { method: 'jobs.retry', input: { id: 'job-1' } },
        { method: 'jobs.confirmSent', input: { id: 'job-2' } },
      ]),
    );
  });
});
