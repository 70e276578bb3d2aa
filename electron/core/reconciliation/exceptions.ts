import type { AuditAppend } from '../audit/audit-entry';
import type { Db } from '../db/types';
import { currentActing } from '../people/acting';
import type { SettingsRepository } from '../repositories/settings';
import { type ExceptionKind, expectationOf } from './exception-rules';
import { SETTLED_STATUSES } from './match';
import { createPayoutChecks } from './payout-checks';
import { localDayOf, shopTimeZone } from './shop-day';

export interface ReconciliationException {
  readonly id: number;
  readonly kind: ExceptionKind;
  readonly provider: string;
  readonly subject: string;
  readonly paymentId: string | null;
  /** Kassa's reference of the payment, else the reference on the provider's line. */
  readonly reference: string | null;
  readonly settlementRowId: number | null;
  /** The payout a payout exception is about (`payout_total_differs`, `payout_aborted`). */
  readonly payoutId: string | null;
  readonly expectedMinor: number | null;
  readonly actualMinor: number | null;
  readonly currency: string;
  readonly occurredOn: string;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly note: string | null;
  readonly autoResolved: boolean;
}

export interface ExceptionFilter {
  readonly state?: 'open' | 'resolved' | 'all';
  readonly kind?: ExceptionKind;
  readonly provider?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/**
 * The rows a detection run looks at: those added since the last run, and those booked recently (a
 * re-import of the last days may have filled in a fee). A row's checks depend only on itself and its
 * match, and a later match or refund closes its exception in the auto-resolve step, so older rows
 * need no second look.
 */
const FRESH = `SELECT id FROM settlement_rows WHERE id > @after
  UNION SELECT id FROM settlement_rows INDEXED BY settlement_rows_booked WHERE booked_at >= @recent`;
const RECENT_DAYS = 10;

const STATUSES = SETTLED_STATUSES.map((s) => `'${s}'`).join(', ');
const ROW = (kind: ExceptionKind, where: string, expected: string, actual: string) =>
  `INSERT INTO reconciliation_exceptions (kind, provider, subject, payment_id, settlement_row_id, expected_minor,
     actual_minor, currency, occurred_on, detected_at)
   SELECT '${kind}', s.provider, 'row:' || s.id, s.matched_payment_id, s.id, ${expected}, ${actual}, s.currency,
     recon_local_day(s.booked_at), @now
   FROM settlement_rows s LEFT JOIN payments p ON p.id = s.matched_payment_id WHERE ${where} AND s.id IN (${FRESH})
   ON CONFLICT (kind, provider, subject) DO NOTHING`;
/** Closes the open exceptions of a kind whose cause has gone (`gone`: an SQL condition on the exception). */
const AUTO = (kind: ExceptionKind, gone: string) =>
  `UPDATE reconciliation_exceptions SET resolved_at = @now, resolved_by = 'system', auto_resolved = 1,
     note = 'later settlement data'
   WHERE kind = '${kind}' AND resolved_at IS NULL AND ${gone}`;
const STILL = (condition: string) => `NOT EXISTS (${ROW_OF} ${condition})`;
const ROW_OF =
  'SELECT 1 FROM settlement_rows s LEFT JOIN payments p ON p.id = s.matched_payment_id WHERE s.id = reconciliation_exceptions.settlement_row_id AND';

/**
 * The mismatches between what the counter took and what the providers settled, found in SQL over
 * the matched rows. Detection is idempotent ((kind, provider, subject) is unique: a second run adds
 * nothing) and resolves exceptions whose cause has gone (a late settlement, a refund recorded later,
 * a corrected fee). A manager resolves the rest with a note, audited as `reconciliation.resolve`.
 */
export function createReconciliationExceptions(deps: { db: Db; settings?: SettingsRepository; audit?: AuditAppend }) {
  const { db } = deps;
  // An exception's day is the shop's calendar day (its time zone), like the day report's. The zone is
  // read before each detection: a SQL function may not query the connection that runs it.
  let zone = 'UTC';
  db.function('recon_local_day', (instant: unknown) =>
    typeof instant === 'string' ? localDayOf(instant, zone) : null,
  );
  const unknown = db.prepare(
    ROW('unknown_settlement', "s.type = 'payment' AND s.matched_payment_id IS NULL", 'NULL', 's.gross_minor'),
  );
  const differs = db.prepare(
    ROW(
      'amount_differs',
      "s.type = 'payment' AND (s.gross_minor != p.amount_minor OR s.currency != p.currency)",
      'p.amount_minor',
      's.gross_minor',
    ),
  );
  const refund = db.prepare(
    ROW('refund_not_in_kassa', "s.type = 'refund' AND s.matched_refund_id IS NULL", 'NULL', 's.gross_minor'),
  );
  const chargeback = db.prepare(ROW('chargeback', "s.type = 'chargeback'", 'NULL', 's.gross_minor'));
  const fee = db.prepare(
    ROW(
      'fee_out_of_range',
      "s.provider = @provider AND s.type = 'payment' AND s.gross_minor > 0 AND (s.fee_minor < 0 OR s.fee_minor * 10000 > s.gross_minor * @bps)",
      'CAST(s.gross_minor * @bps / 10000 AS INTEGER)',
      's.fee_minor',
    ),
  );
  const notSettled = db.prepare(
    `INSERT INTO reconciliation_exceptions (kind, provider, subject, payment_id, expected_minor, actual_minor, currency,
       occurred_on, detected_at)
     SELECT 'not_settled', p.provider, p.id, p.id, p.amount_minor, NULL, p.currency, recon_local_day(p.created_at), @now
     FROM payments p INDEXED BY payments_by_created
     WHERE p.provider = @provider AND p.status IN (${STATUSES}) AND p.created_at >= @coveredFrom AND p.created_at < @cutoff
       AND NOT EXISTS (SELECT 1 FROM settlement_rows s WHERE s.matched_payment_id = p.id AND s.type = 'payment')
     ON CONFLICT (kind, provider, subject) DO NOTHING`,
  );
  const covered = db.prepare<[], { provider: string; coveredFrom: string }>(
    `SELECT provider, MIN(covered_from) AS coveredFrom FROM reconciliation_imports
     WHERE covered_from IS NOT NULL GROUP BY provider`,
  );
  const autos = [
    AUTO(
      'not_settled',
      "EXISTS (SELECT 1 FROM settlement_rows s WHERE s.matched_payment_id = reconciliation_exceptions.payment_id AND s.type = 'payment')",
    ),
    AUTO('unknown_settlement', STILL('s.matched_payment_id IS NULL')),
    AUTO('amount_differs', STILL('(s.gross_minor != p.amount_minor OR s.currency != p.currency)')),
    AUTO('refund_not_in_kassa', STILL('s.matched_refund_id IS NULL')),
  ].map((sql) => db.prepare(sql));
  const feeAuto = db.prepare(
    AUTO('fee_out_of_range', STILL('(s.fee_minor < 0 OR s.fee_minor * 10000 > s.gross_minor * @bps)')) +
      ' AND provider = @provider',
  );
  const providers = db.prepare<[], { provider: string }>('SELECT DISTINCT provider FROM reconciliation_imports');
  const mark = db.prepare<[string], { value: string }>('SELECT value FROM reconciliation_marks WHERE name = ?');
  const setMark = db.prepare(
    'INSERT INTO reconciliation_marks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  );
  const lastRow = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM settlement_rows');
  const payoutChecks = createPayoutChecks(db);

  const detect = db.transaction((now: Date): number => {
    zone = shopTimeZone(deps.settings);
    const at = now.toISOString();
    const fresh = {
      after: Number(mark.get('detected_through_row')?.value ?? 0),
      recent: new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString(),
    };
    let added = 0;
    for (const statement of autos) statement.run({ now: at });
    for (const { provider } of providers.all())
      feeAuto.run({ now: at, provider, bps: expectationOf(provider, deps.settings).maxFeeBps });
    for (const statement of [unknown, differs, refund, chargeback])
      added += statement.run({ now: at, ...fresh }).changes;
    for (const { provider } of providers.all()) {
      const bps = expectationOf(provider, deps.settings).maxFeeBps;
      added += fee.run({ now: at, provider, bps, ...fresh }).changes;
    }
    for (const { provider, coveredFrom } of covered.all()) {
      const cutoff = new Date(
        now.getTime() - expectationOf(provider, deps.settings).settleDays * 86_400_000,
      ).toISOString();
      // Payments before the previous run's cutoff were looked at then (a day of overlap for safety).
      const previous = mark.get(`not_settled_cutoff:${provider}`)?.value;
      const since = previous ? new Date(Date.parse(previous) - 86_400_000).toISOString() : coveredFrom;
      const from = since > coveredFrom ? since : coveredFrom;
      added += notSettled.run({ now: at, provider, coveredFrom: from, cutoff }).changes;
      setMark.run(`not_settled_cutoff:${provider}`, cutoff);
    }
    added += payoutChecks.detect(now);
    setMark.run('detected_through_row', String(lastRow.get()?.id ?? 0));
    return added;
  });

  const byId = db.prepare<[number], Record<string, unknown>>(`${SELECT} WHERE id = ?`);
  const openCount = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM reconciliation_exceptions WHERE resolved_at IS NULL',
  );
  const setResolved = db.prepare(
    'UPDATE reconciliation_exceptions SET resolved_at = ?, resolved_by = ?, note = ?, auto_resolved = 0 WHERE id = ? AND resolved_at IS NULL',
  );
  const resolve = db.transaction((id: number, note: string, now: Date): ReconciliationException | null => {
    const before = byId.get(id);
    if (!before) return null;
    if (before.resolvedAt !== null) return toException(before);
    const acting = currentActing();
    const who = acting.actor?.name ?? 'manager';
    setResolved.run(now.toISOString(), who, note, id);
    const after = toException(byId.get(id) ?? before);
    deps.audit?.({
      action: 'reconciliation.resolve',
      subject: { kind: 'reconciliation_exception', id: String(id) },
      before: { kind: before.kind, subject: before.subject, resolvedAt: null },
      after: { resolvedAt: after.resolvedAt, resolvedBy: who },
      note,
    });
    return after;
  });

  return {
    /** Finds new exceptions and closes those whose cause has gone; returns how many were added. */
    detect: (now: Date): number => detect(now),
    resolve: (id: number, note: string, now: Date) => resolve(id, note, now),
    openCount(): number {
      return openCount.get()?.n ?? 0;
    },
    get(id: number): ReconciliationException | null {
      const row = byId.get(id);
      return row ? toException(row) : null;
    },
    list(filter: ExceptionFilter = {}): ReconciliationException[] {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit ?? 500 };
      if (filter.state === 'open' || filter.state === undefined) where.push('resolved_at IS NULL');
      if (filter.state === 'resolved') where.push('resolved_at IS NOT NULL');
      // Only the filters given become conditions; values always travel as parameters.
      const optional = [
        ['kind', 'kind = @kind'],
        ['provider', 'provider = @provider'],
        ['from', 'occurred_on >= @from'],
        ['to', 'occurred_on <= @to'],
      ] as const;
      for (const [key, condition] of optional) {
        if (filter[key] === undefined) continue;
        where.push(condition);
        params[key] = filter[key];
      }
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY occurred_on DESC, id DESC LIMIT @limit`;
      return db.prepare<[Record<string, unknown>], Record<string, unknown>>(sql).all(params).map(toException);
    },
  };
}

export type ReconciliationExceptions = ReturnType<typeof createReconciliationExceptions>;

const SELECT = `SELECT id, kind, provider, subject, payment_id AS paymentId, settlement_row_id AS settlementRowId,
  payout_id AS payoutId, expected_minor AS expectedMinor, actual_minor AS actualMinor, currency, occurred_on AS occurredOn,
  detected_at AS detectedAt, resolved_at AS resolvedAt, resolved_by AS resolvedBy, note, auto_resolved AS autoResolved,
  COALESCE((SELECT p.reference FROM payments p WHERE p.id = payment_id),
    (SELECT COALESCE(s.our_reference, s.provider_payment_ref) FROM settlement_rows s WHERE s.id = settlement_row_id),
    payout_id) AS reference
  FROM reconciliation_exceptions`;

function toException(row: Record<string, unknown>): ReconciliationException {
  return { ...(row as unknown as ReconciliationException), autoResolved: row.autoResolved === 1 };
}
