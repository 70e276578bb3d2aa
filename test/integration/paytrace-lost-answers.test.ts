import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { PaymentDto } from '../../shared/api/schemas';
import { payTraceEnv, startPayTraceCounter } from '../helpers/paytrace-harness';
import { closeAfterEach, settled, until } from '../helpers/provider-harness';
import type { TestEngine } from '../helpers/test-engine';

/**
 * PayTrace has no idempotency key: a sale is sent once, and after a lost answer or a crash Kassa
 * finds it by our reference (invoice_id) in PayTrace's export, or leaves it unknown — never sends it again.
 */

const cleanups = closeAfterEach();
const SALE = '/v1/transactions/sale/by_customer';

async function charge(counter: TestEngine, minor: number): Promise<PaymentDto> {
  const [invoice] = await counter.call('invoices.open', { customerId: 'cust-us-1001' });
  return counter.call('payments.start', {
    requestId: randomUUID(),
    customerId: 'cust-us-1001',
    invoiceIds: [invoice?.id ?? ''],
    amount: { minor, currency: 'USD' },
    terminalId: 'paytrace-card',
  });
}

/** Starts a payment in a child counter on `dataDir`, waits until `condition`, then SIGKILLs it. */
async function killChildWhen(
  dataDir: string,
  backofficeUrl: string,
  env: Record<string, string>,
  condition: () => boolean,
) {
  const args = ['--import', 'tsx', 'test/helpers/paytrace-crash-child.ts', dataDir, backofficeUrl, JSON.stringify(env)];
  const child = spawn(process.execPath, [...args, 'cust-us-1001', 'paytrace-card'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  for await (const line of createInterface({ input: child.stdout })) if (line.startsWith('{')) break;
  await until(condition, 15_000);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a lost answer to a PayTrace sale', () => {
  it('processed but unanswered: the sale is found by our reference in the export and taken as paid, sent once', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    fake.failNext(/sale\/by_customer$/, 'drop_after');
    const started = await charge(counter, 7_500);
    expect(started.status).toBe('unknown');
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid).toMatchObject({ status: 'approved', providerRef: String(fake.sales()[0]?.id), cardLast4: '1111' });
    const lookup = fake.seen.find((r) => r.path === '/v1/transactions/export/by_date_range');
    expect(lookup?.body).toMatchObject({ including_text: started.reference });
    expect(fake.seen.filter((r) => r.path === SALE)).toHaveLength(1);
    expect(fake.sales()).toHaveLength(1);
  });

  it('never reached PayTrace: the lookup finds nothing, so it stays unknown for a manager, with the evidence; never re-sent', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    fake.failNext(/sale\/by_customer$/, 'drop_before');
    const started = await charge(counter, 7_600);
    await until(() => fake.seen.filter((r) => r.path === '/v1/transactions/export/by_date_range').length >= 3);
    const payment = (await counter.call('payments.today', {})).find((p) => p.id === started.id);
    expect(payment?.status).toBe('unknown');
    expect(fake.seen.filter((r) => r.path === SALE)).toHaveLength(1);
    expect(fake.sales()).toHaveLength(0);
    const events = JSON.stringify(await counter.call('payments.events', { paymentId: started.id }));
    expect(events).toContain('paytrace_not_found');
    expect(events).toContain(`no transaction with invoice_id ${started.reference}`);
  });
});

describe('a counter killed (SIGKILL) mid-sale', () => {
  it('between commit and send (waiting for its token): nothing reached PayTrace, the attempt is unknown, nothing is charged', async () => {
    const { counter, fake, server, restart } = await startPayTraceCounter(cleanups);
    await counter.close();
    fake.failNext(/^\/oauth\/token$/, 'hold');
    await killChildWhen(counter.dataDir, server.url, payTraceEnv(fake), () =>
      fake.seen.some((r) => r.path === '/oauth/token'),
    );
    const again = await restart();
    const [payment] = await again.call('payments.today', {});
    expect(payment).toMatchObject({ status: 'unknown', failureReason: 'not_found_at_paytrace' });
    expect(fake.seen.filter((r) => r.path === SALE)).toHaveLength(0);
    expect(fake.sales()).toHaveLength(0);
  });

  it('between send and answer: recovery finds the sale by our reference and takes it as paid; PayTrace charged once', async () => {
    const { counter, fake, server, restart } = await startPayTraceCounter(cleanups);
    await counter.close();
    fake.failNext(/sale\/by_customer$/, 'hold');
    await killChildWhen(counter.dataDir, server.url, payTraceEnv(fake), () => fake.sales().length === 1);
    const again = await restart();
    const [payment] = await again.call('payments.today', {});
    const paid = await again.waitForPayment(payment?.id ?? '', settled);
    expect(paid).toMatchObject({ status: 'approved', providerRef: String(fake.sales()[0]?.id) });
    expect(paid.amount).toEqual({ minor: 12_500, currency: 'USD' });
    expect(fake.seen.filter((r) => r.path === SALE)).toHaveLength(1);
    expect(fake.sales()).toHaveLength(1);
  });
});
