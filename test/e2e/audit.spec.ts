import { randomUUID } from 'node:crypto';
import { expect, paymentStatus as status, test, tickFirstInvoice } from './fixtures';

/** The manager's audit trail: a refund shows up with its note, the filter finds it, the chain checks out. */
test('after a refund the manager finds it in the audit trail, filtered by action, and verifies the chain', async ({
  counter: page,
  api,
  shot,
}) => {
  const customer = await api<{ name: string }>('customers.card', { customerId: 'cust-100028' });
  const invoice = await tickFirstInvoice(page, api, '100028', customer.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Done' }).click();
  const today = await api<{ id: string; customerId: string; reference: string }[]>('payments.today', {});
  const paid = today.find((p) => p.customerId === 'cust-100028');
  if (!paid) throw new Error('payment not listed today');
  await api('payments.refund', {
    requestId: randomUUID(),
    paymentId: paid.id,
    amount: { minor: Math.min(100, invoice.outstandingMinor), currency: 'EUR' },
    kind: 'online',
    reason: 'Plants arrived damaged',
  });

  await page.getByRole('button', { name: 'Audit trail' }).click();
  const trail = page.getByRole('region', { name: 'Audit trail' });
  await expect(trail.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await trail.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Refund asked' });
  const rows = trail.locator('tbody tr');
  await expect(rows.first()).toContainText('Refund asked');
  await expect(trail.locator('tbody tr[data-action]:not([data-action="payment.refund"])')).toHaveCount(0);
  await trail.getByRole('searchbox', { name: 'Payment' }).fill(paid.id);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Plants arrived damaged');
  await expect(rows.first()).toContainText(paid.id);

  await trail.getByRole('button', { name: 'Verify chain' }).click();
  await expect(trail.getByRole('status')).toContainText(/Chain intact: \d+ rows? checked/);
  await shot('audit-trail');
});
