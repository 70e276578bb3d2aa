import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_SECRET, signWebhook } from '../../electron/core/automations/webhook-channel';
import { signInAs } from '../helpers/sign-in';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../helpers/test-engine';

/**
 * The automations' webhook signing secret (ADR 0016): sealed at rest, shown only in the answer to a
 * manager's create / rotate, never readable afterwards, audited as "changed" without the value, and
 * nothing leaves unsigned while there is none. Real engine, real SQLite file, a receiver on loopback.
 */

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function engine(overrides: Parameters<typeof startTestEngine>[0] = {}): Promise<TestEngine> {
  const t = await startTestEngine(overrides);
  open.push(t);
  return t;
}

/** Every byte of the counter's database (the file and its WAL), as text, to look for a value in. */
function databaseBytes(t: TestEngine): string {
  const file = join(t.dataDir, 'kassa.sqlite');
  const wal = (() => {
    try {
      return readFileSync(`${file}-wal`).toString('latin1');
    } catch {
      return '';
    }
  })();
  return readFileSync(file).toString('latin1') + wal;
}

async function eventually(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A webhook receiver on loopback that answers 204 and keeps what it was sent. */
async function receiver() {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kassa` };
}

/** An automation that posts every approved payment to `url`, and a payment approved: its id. */
async function paidWithWebhookRule(t: TestEngine, url: string): Promise<string> {
  await t.call('automations.save', { rules: [{ enabled: true, event: 'approved', action: 'webhook', target: url }] });
  const { customer, invoices } = await customerWithOpenInvoices(t, 1);
  const invoice = invoices[0];
  if (!invoice) throw new Error('no invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  expect((await t.waitForPayment(started.id, isFinal)).status).toBe('approved');
  return started.id;
}

describe('the webhook signing secret', () => {
  it('is shown once to the manager who creates or rotates it, sealed at rest, audited as changed', async () => {
    const t = await engine();
    expect(await t.call('automations.webhookSecretStatus', {})).toEqual({ set: false, setAt: null });

    const first = await t.call('automations.rotateWebhookSecret', {});
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(await t.call('automations.webhookSecretStatus', {})).toEqual({ set: true, setAt: first.setAt });
    const second = await t.call('automations.rotateWebhookSecret', {});
    expect(second.secret).not.toBe(first.secret);

    // Nothing reads it back: the old getter is gone, and no other automations answer carries it.
    expect((await t.refusal('automations.webhookSecret', {})).code).toBe('unknown_method');
    for (const method of ['automations.list', 'automations.webhookSecretStatus', 'automations.emailEveryReceipt']) {
      expect(JSON.stringify(await t.call(method as 'automations.list', {})), method).not.toContain('whsec_');
    }

    const rows = (await t.call('audit.list', { action: 'settings.automations.webhook_secret_rotate' })).items;
    expect(rows.map((r) => [r.before, r.after])).toEqual([
      [{ webhookSecret: 'set' }, { webhookSecret: 'changed', changed: ['webhookSecret'] }],
      [{ webhookSecret: 'not set' }, { webhookSecret: 'changed', changed: ['webhookSecret'] }],
    ]);
    expect(rows[0]).toMatchObject({ actor: { name: 'Test Manager', role: 'manager' }, subject: { kind: 'setting' } });

    // Sealed at rest: neither secret is anywhere in the file (settings, audit rows, outbox).
    const raw = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const stored = raw.prepare("SELECT value FROM settings WHERE key = 'automations'").get() as { value: string };
    raw.close();
    expect(JSON.parse(stored.value).sealedWebhookSecret).toMatch(/^v1:/);
    const bytes = databaseBytes(t);
    for (const secret of [first.secret, second.secret]) {
      expect(bytes).not.toContain(secret);
      expect(bytes).not.toContain(secret.slice('whsec_'.length));
    }
  });

  it('a cashier cannot rotate it or ask whether it is set', async () => {
    const t = await engine();
    expect(await t.call('automations.webhookSecretStatus', {})).toEqual({ set: false, setAt: null });
    await signInAs(t.engine, 'cashier');
    expect((await t.refusal('automations.rotateWebhookSecret', {})).code).toBe('manager_required');
    expect((await t.refusal('automations.webhookSecretStatus', {})).code).toBe('manager_required');
    await signInAs(t.engine, 'manager');
    expect(await t.call('automations.webhookSecretStatus', {})).toEqual({ set: false, setAt: null });
    expect((await t.call('audit.list', { action: 'settings.automations.' })).items).toEqual([]);
  });

  it('without a secret a webhook waits, unsent; once a manager creates one it goes, signed with it', async () => {
    const { seen, url } = await receiver();
    const t = await engine();
    const paymentId = await paidWithWebhookRule(t, url);
    await eventually(() => (t.engine.printEmail.jobs.forDocument(paymentId)[0]?.attempts ?? 0) >= 1);
    const [waiting] = t.engine.printEmail.jobs.forDocument(paymentId);
    expect(waiting).toMatchObject({ kind: 'webhook', status: 'waiting', lastError: NO_SECRET });
    expect(seen).toEqual([]);

    // No manager's retry needed: the rotation itself sends what waited for a secret.
    const { secret } = await t.call('automations.rotateWebhookSecret', {});
    await eventually(() => seen.length === 1);
    const [event] = seen;
    const id = String(event?.headers['webhook-id']);
    const timestamp = Number(event?.headers['webhook-timestamp']);
    expect(event?.headers['webhook-signature']).toBe(signWebhook(secret, id, timestamp, event?.body ?? ''));
    await eventually(() => t.engine.printEmail.jobs.get(waiting?.id ?? '')?.status === 'sent');
  });

  it('a rotation sends the webhooks waiting for a secret at once, not at their retry time', async () => {
    const { seen, url } = await receiver();
    // The engine's clock stops once the webhook waits: from then on no retry time ever comes by
    // itself, so only the rotation can make the job go.
    let stopped: Date | null = null;
    const t = await engine({ clock: { now: () => stopped ?? new Date() } });
    const paymentId = await paidWithWebhookRule(t, url);
    await eventually(() => (t.engine.printEmail.jobs.forDocument(paymentId)[0]?.attempts ?? 0) >= 1);
    stopped = new Date();
    const at = stopped.toISOString();
    // An attempt already under way retries from the stopped clock: wait until the job rests, retry time ahead.
    await eventually(() => {
      const job = t.engine.printEmail.jobs.forDocument(paymentId)[0];
      return job?.status === 'waiting' && job.lastError === NO_SECRET && (job.nextAttemptAt ?? '') > at;
    });
    const [waiting] = t.engine.printEmail.jobs.forDocument(paymentId);
    expect(await t.engine.printEmail.runner.runDue()).toBe(0);
    expect(seen).toEqual([]);

    const { secret } = await t.call('automations.rotateWebhookSecret', {});
    // No manager's retry and no time passing: the pass the rotation started (or one after it) sends it.
    await t.engine.printEmail.runner.runDue();
    expect(t.engine.printEmail.jobs.get(waiting?.id ?? '')).toMatchObject({ status: 'sent', sentAt: at });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['webhook-id']).toBe(waiting?.messageId);
    const id = String(seen[0]?.headers['webhook-id']);
    const timestamp = Number(seen[0]?.headers['webhook-timestamp']);
    expect(seen[0]?.headers['webhook-signature']).toBe(signWebhook(secret, id, timestamp, seen[0]?.body ?? ''));
  });
});
