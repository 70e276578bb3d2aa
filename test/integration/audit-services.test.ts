import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Acting } from '../../electron/core/people/acting';
import type { AuditEventDto } from '../../shared/api/audit-schemas';
import { counterConfig } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { closeAfterEach } from '../helpers/provider-harness';
import { onlineRefund } from '../helpers/provider-tests';
import { startSandboxOutcome } from '../helpers/sandbox-payment';
import { asPeople } from '../helpers/sign-in';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
  tempDir,
} from '../helpers/test-engine';

/** Refunds, voids, a manager's decision and settings saves through the real services write audit rows. */

const cleanups = closeAfterEach();
const backoffice = () => backofficeClosedAfter(cleanups, { customers: 20 });

const anna: Acting = {
  actor: { userId: 'u-anna', name: 'Anna', role: 'cashier' },
  approvedBy: { userId: 'u-mark', name: 'Mark', role: 'manager' },
};
const mark: Acting = { actor: { userId: 'u-mark', name: 'Mark', role: 'manager' }, approvedBy: null };

async function counter(server: BackofficeServer, dataDir = tempDir(), demo = true): Promise<TestEngine> {
  const t = await startTestEngine({
    dataDir,
    demo,
    backoffice: counterConfig(server, 'C1'),
    autoSync: false,
    sandboxPhaseMs: 5,
    pollIntervalMs: 5,
  });
  let closed = false;
  cleanups.push(() => (closed ? undefined : t.close()));
  return {
    ...t,
    close: async () => {
      closed = true;
      await t.close();
    },
  };
}

async function paid(t: TestEngine, skip = 0) {
  const { customer, invoices } = await customerWithOpenInvoices(t, 1, skip);
  const invoice = invoices[0];
  if (!invoice) throw new Error('no invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  const payment = await t.waitForPayment(started.id, isFinal);
  expect(payment.status).toBe('approved');
  return payment;
}

const trail = async (t: TestEngine, action?: string): Promise<AuditEventDto[]> =>
  (await (await asPeople(t, mark)).call('audit.list', action ? { action } : {})).items;

/** Delivers until no audit row waits (drain() counts payments only). */
async function deliverAudit(t: TestEngine): Promise<void> {
  const db = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    for (let i = 0; i < 50; i++) {
      await t.engine.sync.runCycle(true);
      const left = db
        .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'audit_event' AND state = 'waiting'")
        .get();
      if ((left as { n: number }).n === 0) return;
    }
    throw new Error('audit rows not delivered');
  } finally {
    db.close();
  }
}

describe('audited money actions and settings (real services, real SQLite, real back-office)', () => {
  it('a refund and a void are written with who asked, who approved, the note, and reach the back-office once', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const refunded = await paid(t, 0);
    await (await asPeople(t, anna)).call('payments.refund', onlineRefund(refunded.id, 100, 'Two stems broken'));
    const voidable = await paid(t, 1);
    await (await asPeople(t, anna)).call('payments.void', {
      requestId: randomUUID(),
      paymentId: voidable.id,
      note: 'Wrong customer',
    });

    const [refund] = await trail(t, 'payment.refund');
    expect(refund).toMatchObject({
      actor: { id: 'u-anna', name: 'Anna', role: 'cashier' },
      approver: { id: 'u-mark', name: 'Mark' },
      station: 'C1',
      subject: { kind: 'payment', id: refunded.id },
      before: { status: 'approved', refundedMinor: 0 },
      after: { kind: 'online', amount: { minor: 100, currency: 'EUR' }, provider: 'sandbox' },
      note: 'Two stems broken',
    });
    const voids = await trail(t, 'payment.void');
    expect(voids).toHaveLength(1);
    expect(voids[0]).toMatchObject({
      subject: { id: voidable.id },
      note: 'Wrong customer',
      approver: { name: 'Mark' },
    });
    const [answer] = await trail(t, 'payment.void_result');
    expect(answer).toMatchObject({ subject: { id: voidable.id }, after: { voidStatus: 'voided' } });
    // Everything on the trail (the first payment also opened the business day: `day.open`).
    const all = await trail(t);
    expect(await (await asPeople(t, mark)).call('audit.verify', {})).toMatchObject({ ok: true, checked: all.length });

    // Delivered through the outbox. The back-office commits a row but its answer is lost, and the
    // counter restarts with the row still waiting: sent again under the same key, kept once.
    server.faults.set({ rate: 1, kinds: ['lost_response'], only: 'POST /v1/audit-events' });
    await t.engine.sync.runCycle(true);
    server.faults.set({ rate: 0, kinds: [] });
    expect(server.faults.injected.lost_response).toBeGreaterThan(0);
    expect(server.store.auditEvents.forStation('C1').length).toBeGreaterThan(0);
    await t.close();
    const restarted = await counter(server, t.dataDir);
    await deliverAudit(restarted);
    expect(server.requestCounts.get('POST /v1/audit-events')).toBeGreaterThan(3);
    const kept = server.store.auditEvents.forStation('C1');
    expect(kept.map((e) => e.seq)).toEqual(all.map((r) => r.seq).reverse());
    expect(kept.map((e) => e.hash)).toEqual(all.map((r) => r.hash).reverse());
    expect(kept.map((e) => e.action)).toEqual(
      expect.arrayContaining(['payment.refund', 'payment.void', 'payment.void_result']),
    );
    expect(server.store.auditEvents.verify('C1')).toEqual({ ok: true, rows: all.length, brokenAt: null });
    // Not in the payments' sync list.
    expect((await restarted.call('sync.items', {})).some((i) => i.kind === 'audit_event')).toBe(false);
  });

  it('a manager deciding an outcome nobody can ask about is written with the note', async () => {
    const server = await backoffice();
    const dataDir = tempDir();
    const first = await counter(server, dataDir);
    const { started } = await startSandboxOutcome(first, 8);
    expect(started.status).toBe('pending');
    await first.close();
    const second = await counter(server, dataDir, false);
    await (await asPeople(second, mark)).call('payments.resolve', {
      paymentId: started.id,
      outcome: 'failed',
      note: 'Terminal shows nothing',
    });
    const [resolve] = await trail(second, 'payment.resolve');
    expect(resolve).toMatchObject({
      actor: { name: 'Mark', role: 'manager' },
      approver: null,
      subject: { kind: 'payment', id: started.id },
      before: { providerConfigured: false },
      after: { status: 'failed' },
      note: 'Terminal shows nothing',
    });
  });

  it('settings saves name what changed, and a secret only as changed', async () => {
    const server = await backoffice();
    const t = await counter(server);
    await (async () => {
      const acting = await asPeople(t, mark);
      await acting.call('counter.setDefaultTerminal', { terminalId: 'sandbox-2' });
      await acting.call('printers.configure', {
        purpose: 'receipt',
        printer: { uri: 'tcp://127.0.0.1:9100', width: 58, codePage: 'cp858', openDrawer: false },
      });
      await acting.call('smtp.configure', {
        host: 'mail.shop.test',
        port: 587,
        security: 'starttls',
        user: 'kassa',
        password: 'geheim-wachtwoord',
        from: 'kassa@shop.test',
        replyTo: null,
      });
      await acting.call('providers.settings.save', {
        providerId: 'paynl',
        values: { tokenCode: 'AT-1234-5678', serviceId: 'SL-1234-5678', testMode: true, apiToken: 'api-token-secret' },
      });
      await acting.call('automations.emailEveryReceipt', {});
    })();
    const rows = await trail(t);
    expect(rows.map((r) => r.action)).toEqual([
      'settings.automations.save',
      'settings.provider.save',
      'settings.smtp.save',
      'settings.printer.save',
      'settings.counter.save',
    ]);
    const byAction = new Map(rows.map((r) => [r.action, r]));
    expect(byAction.get('settings.counter.save')).toMatchObject({
      actor: { name: 'Mark' },
      after: { defaultTerminal: 'sandbox-2' },
    });
    expect(byAction.get('settings.printer.save')?.after).toMatchObject({ uri: 'tcp://127.0.0.1:9100', width: 58 });
    expect(byAction.get('settings.smtp.save')?.after).toMatchObject({ host: 'mail.shop.test', password: 'changed' });
    expect(byAction.get('settings.provider.save')).toMatchObject({
      subject: { kind: 'provider', id: 'paynl' },
      before: null,
      after: { apiToken: 'changed', serviceId: 'SL-1234-5678' },
    });
    const raw = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const text = JSON.stringify(raw.prepare('SELECT * FROM audit_events').all());
    const outbox = JSON.stringify(raw.prepare('SELECT payload FROM outbox').all());
    raw.close();
    for (const secret of ['geheim-wachtwoord', 'api-token-secret']) {
      expect(text).not.toContain(secret);
      expect(outbox).not.toContain(secret);
    }
  });

  it('a change that fails leaves no audit row', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const payment = await paid(t);
    const refused = await (await asPeople(t, anna)).refusal(
      'payments.refund',
      onlineRefund(payment.id, payment.amount.minor + 1, 'too much'),
    );
    expect(refused.code).toBe('refund_exceeds_paid');
    expect(await trail(t, 'payment.refund')).toEqual([]);
  });

  it('closing the day is audited, and audit rows still on their way to the back-office do not block it', async () => {
    const server = await backoffice();
    const t = await counter(server);
    await paid(t);
    await deliverAudit(t);
    server.faults.set({ rate: 0, kinds: [], offline: true });
    await (await asPeople(t, mark)).call('counter.setDefaultTerminal', { terminalId: 'sandbox-2' });
    await (await asPeople(t, mark)).call('day.close', {});
    const actions = (await trail(t)).map((r) => r.action);
    expect(actions.slice(0, 2)).toEqual(['day.close', 'settings.counter.save']);
    expect(actions).toContain('day.open');
    const raw = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const waiting = raw
      .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'audit_event' AND state = 'waiting'")
      .get();
    raw.close();
    expect((waiting as { n: number }).n).toBe(2);
    expect((await (await asPeople(t, mark)).call('audit.list', {})).notDelivered).toBe(2);
  });
});
