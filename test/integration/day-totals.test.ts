import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../electron/core/audit/audit-entry';
import { createDayRepository } from '../../electron/core/day/day-repository';
import { createDayRows } from '../../electron/core/day/day-rows';
import { createDayService } from '../../electron/core/day/day-service';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/types';
import { openRepositories } from '../../electron/core/engine/open-repositories';
import type { DayReport } from '../../shared/api/day-schemas';
import { tempDir } from '../helpers/test-engine';

const T0 = Date.parse('2026-03-02T07:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Tenders as a counter sees them: provider, method (from the terminal's kind), terminal. */
const TENDERS = [
  { provider: 'paynl', method: 'card_terminal', terminalId: 'TH-1000-0001' },
  { provider: 'paynl', method: 'card_terminal', terminalId: 'TH-SOFTPOS-7' },
  { provider: 'vipps', method: 'mobile_request', terminalId: 'mobilepay' },
  { provider: 'checkout', method: 'payment_link', terminalId: 'checkout-link' },
  { provider: 'paytrace', method: 'on_file', terminalId: 'paytrace-on-file' },
] as const;
const STATUSES = [
  'approved',
  'partially_refunded',
  'refunded',
  'paid_after_cancel',
  'voided',
  'declined',
  'failed',
  'cancelled',
  'expired',
] as const;
const TAKEN = new Set(['approved', 'partially_refunded', 'refunded', 'paid_after_cancel']);

const paymentArb = fc.record({
  tender: fc.integer({ min: 0, max: TENDERS.length - 1 }),
  currency: fc.constantFrom('EUR', 'DKK', 'USD', 'JPY'),
  amountMinor: fc.integer({ min: 1, max: 50_000_000 }),
  status: fc.constantFrom(...STATUSES),
  /** Taken (approved) before this period, on an earlier day: counts only through refunds made now. */
  earlier: fc.boolean(),
  /** Started before the period but approved in it (open at the last close): this period's money. */
  startedEarlier: fc.boolean(),
  /** A second move to approved later (a manager keeping a paid-after-cancel): still counted once, when first taken. */
  movedAgain: fc.boolean(),
  atMs: fc.integer({ min: 0, max: 9 * HOUR }),
  refunds: fc.array(
    fc.record({
      amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
      status: fc.constantFrom('succeeded', 'failed'),
      inPeriod: fc.boolean(),
      atMs: fc.integer({ min: 0, max: 9 * HOUR }),
    }),
    { maxLength: 3 },
  ),
});

type Generated = typeof paymentArb extends fc.Arbitrary<infer T> ? T : never;

function freshDay(audit?: (entry: AuditEntry, db: Db) => void) {
  const db = openDatabase(join(tempDir('kassa-day-'), 'kassa.sqlite'));
  const repos = openRepositories(db);
  db.prepare(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency)
     VALUES ('c1', '1', 'Shop', 'shop', 'Town', NULL, NULL, 'EUR')`,
  ).run();
  let now = T0;
  const service = createDayService({
    db,
    days: createDayRepository(db),
    rows: createDayRows(db, (id) => `name of ${id}`),
    payments: repos.payments,
    refunds: repos.refunds,
    voids: repos.voids,
    outbox: repos.outbox,
    terminalName: (id) => `name of ${id}`,
    clock: { now: () => new Date(now) },
    stationId: () => 'C1',
    audit: audit ? (entry) => audit(entry, db) : undefined,
  });
  return { db, repos, service, setNow: (ms: number) => (now = ms) };
}

function insertPayment(db: Db, id: string, p: Generated, createdAt: string): void {
  const t = TENDERS[p.tender];
  if (!t) throw new Error('no tender');
  db.prepare(
    `INSERT INTO payments (id, request_id, request_hash, reference, idempotency_key, customer_id, amount_minor, currency,
       method, provider, terminal_id, status, created_at, updated_at)
     VALUES (?, ?, 'h', ?, ?, 'c1', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    `r-${id}`,
    `ref-${id}`,
    `k-${id}`,
    p.amountMinor,
    p.currency,
    t.method,
    t.provider,
    t.terminalId,
    p.status,
    createdAt,
    createdAt,
  );
}

function takenEvent(db: Db, paymentId: string, to: string, at: number): void {
  db.prepare(
    `INSERT INTO payment_events (payment_id, at, event, outcome, from_status, to_status, detail)
     VALUES (?, ?, 'approved', 'moved', 'pending', ?, NULL)`,
  ).run(paymentId, iso(at), to);
}

describe('Z totals', () => {
  it('per tender and currency equal the period’s payments minus its refunds, voids apart (random days, four currencies)', () => {
    fc.assert(
      fc.property(fc.array(paymentArb, { maxLength: 25 }), (generated) => {
        const { db, service, setNow } = freshDay();
        try {
          service.open();
          const expected = new Map<string, { p: [number, number]; r: [number, number]; v: [number, number] }>();
          const line = (currency: string, tender: number) => {
            const t = TENDERS[tender];
            const key = `${currency}|${t?.provider}/${t?.method}/${t?.terminalId}`;
            const found = expected.get(key) ?? { p: [0, 0], r: [0, 0], v: [0, 0] };
            expected.set(key, found);
            return found;
          };
          generated.forEach((p, n) => {
            const id = `P${n}`;
            const takenAt = p.earlier ? T0 - 5 * HOUR + p.atMs / 10 : T0 + p.atMs;
            const createdAt = p.earlier || p.startedEarlier ? T0 - 6 * HOUR : takenAt;
            insertPayment(db, id, p, iso(createdAt));
            if (TAKEN.has(p.status) || p.status === 'voided') {
              const first = p.status === 'paid_after_cancel' ? 'paid_after_cancel' : 'approved';
              takenEvent(db, id, first, takenAt);
              if (p.movedAgain) takenEvent(db, id, 'approved', takenAt + HOUR / 2);
            }
            if (!p.earlier && TAKEN.has(p.status)) {
              const e = line(p.currency, p.tender);
              e.p = [e.p[0] + 1, e.p[1] + p.amountMinor];
            }
            if (p.status === 'voided') {
              const at = Math.max(takenAt, T0) + 1;
              db.prepare(
                `INSERT INTO voids (id, payment_id, request_id, note, status, created_at, updated_at)
                 VALUES (?, ?, ?, 'wrong', 'voided', ?, ?)`,
              ).run(`V${n}`, id, `vr${n}`, iso(at), iso(at));
              const e = line(p.currency, p.tender);
              e.v = [e.v[0] + 1, e.v[1] + p.amountMinor];
            }
            p.refunds.forEach((r, m) => {
              const at = r.inPeriod ? T0 + r.atMs : T0 - HOUR;
              db.prepare(
                `INSERT INTO refunds (id, payment_id, request_id, idempotency_key, kind, amount_minor, currency, terminal_id,
                   reason, status, created_at, updated_at)
                 VALUES (?, ?, ?, ?, 'online', ?, ?, NULL, 'why', ?, ?, ?)`,
              ).run(
                `R${n}-${m}`,
                id,
                `rr${n}-${m}`,
                `rk${n}-${m}`,
                r.amountMinor,
                p.currency,
                r.status,
                iso(at),
                iso(at),
              );
              if (r.inPeriod && r.status === 'succeeded') {
                const e = line(p.currency, p.tender);
                e.r = [e.r[0] + 1, e.r[1] + r.amountMinor];
              }
            });
          });
          setNow(T0 + 10 * HOUR);
          const x = service.xReport();
          const z = service.close().report;
          expect(z.currencies).toEqual(x.currencies);
          const got = new Map<string, { p: [number, number]; r: [number, number]; v: [number, number] }>();
          for (const c of z.currencies) {
            let net = 0;
            for (const t of c.tenders) {
              got.set(`${c.currency}|${t.key}`, {
                p: [t.payments.count, t.payments.minor],
                r: [t.refunds.count, t.refunds.minor],
                v: [t.voids.count, t.voids.minor],
              });
              expect(t.netMinor).toBe(t.payments.minor - t.refunds.minor);
              net += t.netMinor;
            }
            expect(c.netMinor).toBe(net);
          }
          expect(got).toEqual(expected);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the close, its outbox record and its audit rows commit together: a failing audit leaves the day open', () => {
    const seen: { action: string; inTransaction: boolean; note: string | null }[] = [];
    const { db, service } = freshDay((entry, connection) =>
      seen.push({ action: entry.action, inTransaction: connection.inTransaction, note: entry.note ?? null }),
    );
    service.open();
    db.prepare(
      `INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload, created_at) VALUES ('payment.approved', 'P1', 'k1', '{}', ?)`,
    ).run(iso(T0));
    expect(() => service.close()).toThrow(/cannot be closed/);
    const closed = service.close({ note: 'Back-office down since noon' });
    expect(closed.report.blockers).toEqual(['outbox_waiting']);
    expect(seen).toEqual([
      { action: 'day.open', inTransaction: true, note: null },
      { action: 'day.close', inTransaction: true, note: null },
      { action: 'day.close_override', inTransaction: true, note: 'Back-office down since noon' },
    ]);
    db.close();

    const failing = freshDay((entry) => {
      if (entry.action === 'day.close') throw new Error('audit disk full');
    });
    failing.service.open();
    expect(() => failing.service.close()).toThrow('audit disk full');
    expect(failing.service.current().day).toMatchObject({ number: 1, state: 'open' });
    const records = failing.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'day.closed'").get() as {
      n: number;
    };
    expect(records.n).toBe(0);
    failing.db.close();
  });

  it('a stored Z keeps its numbers: the report is read back from the snapshot, not recomputed', () => {
    const { db, service, setNow } = freshDay();
    service.open();
    setNow(T0 + HOUR);
    const z: DayReport = service.close().report;
    insertPayment(
      db,
      'late',
      {
        tender: 0,
        currency: 'EUR',
        amountMinor: 999,
        status: 'approved',
        earlier: false,
        startedEarlier: false,
        movedAgain: false,
        atMs: 0,
        refunds: [],
      },
      iso(T0 + 30 * 60_000),
    );
    expect(service.zReport(1)).toEqual(z);
    db.close();
  });
});
