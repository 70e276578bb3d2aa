import {
  type BoInvoiceHold,
  type BoInvoiceHoldRequest,
  PROBLEM_TYPES,
  type Problem,
} from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';

/** How long a hold whose money was taken waits for its payment record before it stops blocking. */
const CONVERTED_HOLD_MS = 24 * 60 * 60 * 1000;

interface HoldDbRow {
  station_id: string;
  key: string;
  payment_id: string;
  customer_id: string;
  currency: string;
  invoices: string;
  status: BoInvoiceHold['status'];
  expires_at: string;
  created_at: string;
}

export type HoldOutcome = { ok: true; status: number; hold: BoInvoiceHold } | { ok: false; problem: Problem };

/**
 * Invoice holds on the reference back-office: while a counter has an amount at a terminal, the
 * invoices it pays are held, so a second counter is told before it charges a card for them.
 * A hold blocks only other stations (a counter's own database reserves its own attempts), only
 * while it is live (held or converted, not expired), and only for the part of the outstanding amount
 * it claims.
 */
export function createHoldBook(db: StoreDb, now: () => Date = () => new Date()) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS invoice_holds (
      station_id TEXT NOT NULL, key TEXT NOT NULL, payment_id TEXT NOT NULL, customer_id TEXT NOT NULL,
      currency TEXT NOT NULL, invoices TEXT NOT NULL, status TEXT NOT NULL, expires_at TEXT NOT NULL,
      created_at TEXT NOT NULL, PRIMARY KEY (station_id, key)) STRICT;
    CREATE TABLE IF NOT EXISTS invoice_hold_lines (
      station_id TEXT NOT NULL, key TEXT NOT NULL, invoice_id TEXT NOT NULL, amount_minor INTEGER NOT NULL,
      PRIMARY KEY (station_id, key, invoice_id)) STRICT;
    CREATE INDEX IF NOT EXISTS invoice_hold_lines_by_invoice ON invoice_hold_lines(invoice_id);
    CREATE INDEX IF NOT EXISTS invoice_holds_by_payment ON invoice_holds(payment_id);
  `);
  const byKey = db.prepare<[string, string], HoldDbRow>('SELECT * FROM invoice_holds WHERE station_id = ? AND key = ?');
  const liveOthers = db.prepare<
    [string, string, string],
    { station_id: string; amount_minor: number; expires_at: string }
  >(
    `SELECT h.station_id, l.amount_minor, h.expires_at FROM invoice_hold_lines l
     JOIN invoice_holds h ON h.station_id = l.station_id AND h.key = l.key
     WHERE l.invoice_id = ? AND h.station_id != ? AND h.status IN ('held', 'converted') AND h.expires_at > ?`,
  );
  const outstandingOf = db.prepare<[string], { outstanding_minor: number; customer_id: string }>(
    'SELECT outstanding_minor, customer_id FROM invoices WHERE id = ?',
  );
  const insertHold = db.prepare(
    `INSERT INTO invoice_holds (station_id, key, payment_id, customer_id, currency, invoices, status, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'held', ?, ?)`,
  );
  const insertLine = db.prepare(
    'INSERT INTO invoice_hold_lines (station_id, key, invoice_id, amount_minor) VALUES (?, ?, ?, ?)',
  );
  const setStatus = db.prepare('UPDATE invoice_holds SET status = ?, expires_at = ? WHERE station_id = ? AND key = ?');

  function take(stationId: string, key: string, request: BoInvoiceHoldRequest): HoldOutcome {
    const at = now();
    const iso = at.toISOString();
    const ids = request.invoices.map((line) => line.invoiceId);
    if (new Set(ids).size !== ids.length) {
      return refuse(400, PROBLEM_TYPES.invalidRequest, 'each invoice once per hold');
    }
    const held: NonNullable<Problem['held']> = [];
    for (const line of request.invoices) {
      const invoice = outstandingOf.get(line.invoiceId);
      if (!invoice || invoice.customer_id !== request.customerId) {
        return refuse(422, PROBLEM_TYPES.unknownInvoice, `unknown invoice ${line.invoiceId}`, line.invoiceId);
      }
      const others = liveOthers.all(line.invoiceId, stationId, iso);
      const heldByOthers = others.reduce((sum, o) => sum + o.amount_minor, 0);
      // Only a clash with another station is refused here; an invoice paid elsewhere is the payment
      // record's business (the counter's money is then held as credit, as before).
      if (others.length > 0 && heldByOthers + line.amountMinor > invoice.outstanding_minor) {
        for (const other of others) {
          held.push({ invoiceId: line.invoiceId, stationId: other.station_id, expiresAt: other.expires_at });
        }
      }
    }
    if (held.length > 0) {
      const first = held[0];
      return {
        ok: false,
        problem: {
          type: PROBLEM_TYPES.invoiceHeldElsewhere,
          title: 'Invoice held elsewhere',
          status: 409,
          detail: `invoice ${first?.invoiceId} is being paid at station ${first?.stationId}`,
          invoiceId: first?.invoiceId,
          held,
        },
      };
    }
    const expiresAt = new Date(at.getTime() + request.expiresInSeconds * 1000).toISOString();
    insertHold.run(
      stationId,
      key,
      request.paymentId,
      request.customerId,
      request.currency,
      JSON.stringify(request.invoices),
      expiresAt,
      iso,
    );
    for (const line of request.invoices) insertLine.run(stationId, key, line.invoiceId, line.amountMinor);
    const row = byKey.get(stationId, key);
    if (!row) throw new Error('hold vanished');
    return { ok: true, status: 201, hold: toHold(row) };
  }

  /** Ended unpaid. A hold whose money was taken is never released by this call. */
  function release(stationId: string, key: string): HoldOutcome {
    const row = byKey.get(stationId, key);
    if (!row) return refuse(404, PROBLEM_TYPES.unknownHold, `no hold ${key}`);
    if (row.status === 'held') setStatus.run('released', row.expires_at, stationId, key);
    return current(stationId, key);
  }

  /** Money taken: keep blocking other stations until the payment record arrives (or a day passes). */
  function convert(stationId: string, key: string): HoldOutcome {
    const row = byKey.get(stationId, key);
    if (!row) return refuse(404, PROBLEM_TYPES.unknownHold, `no hold ${key}`);
    if (row.status === 'held' || row.status === 'released') {
      const until = new Date(now().getTime() + CONVERTED_HOLD_MS).toISOString();
      setStatus.run('converted', until, stationId, key);
    }
    return current(stationId, key);
  }

  function current(stationId: string, key: string): HoldOutcome {
    const row = byKey.get(stationId, key);
    if (!row) return refuse(404, PROBLEM_TYPES.unknownHold, `no hold ${key}`);
    return { ok: true, status: 200, hold: toHold(row) };
  }

  return {
    take,
    release,
    convert,
    /** The payment record arrived: its invoices now carry the payment itself, the hold is done. */
    paymentApplied(paymentId: string): void {
      db.prepare(
        "UPDATE invoice_holds SET status = 'applied' WHERE payment_id = ? AND status IN ('held', 'converted')",
      ).run(paymentId);
    },
    holds(): BoInvoiceHold[] {
      return db.prepare<[], HoldDbRow>('SELECT * FROM invoice_holds ORDER BY rowid').all().map(toHold);
    },
  };
}

export type HoldBook = ReturnType<typeof createHoldBook>;

function toHold(row: HoldDbRow): BoInvoiceHold {
  return {
    key: row.key,
    stationId: row.station_id,
    paymentId: row.payment_id,
    customerId: row.customer_id,
    currency: row.currency,
    invoices: JSON.parse(row.invoices) as BoInvoiceHold['invoices'],
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

function refuse(status: number, type: string, detail: string, invoiceId?: string): HoldOutcome {
  const title = type.slice(type.lastIndexOf('/') + 1).replaceAll('-', ' ');
  return {
    ok: false,
    problem: {
      type,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      status,
      detail,
      ...(invoiceId ? { invoiceId } : {}),
    },
  };
}
