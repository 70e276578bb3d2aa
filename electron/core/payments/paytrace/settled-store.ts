import type { Db } from '../../db/types';
import { type BatchClose, lastBatchClose, PAYTRACE_BATCH_CLOSE } from './batch-close';
import type { Rail } from './paytrace-lookup';

export type SettledState = 'unsettled' | 'settled';

/** One thing PayTrace told Kassa about a sale: its batch number (settled) or none yet (unsettled). */
export interface SettledFact {
  readonly reference: string;
  readonly rail: Rail;
  readonly transactionId: number | null;
  readonly batchNumber: number | null;
  /** What taught it: the sale's own answer, or an export row (status, void, or asked for the screen). */
  readonly source: 'sale' | 'export';
  readonly at: Date;
}

/**
 * What Kassa knows of a PayTrace sale's settlement, on disk (migration 0220), so the screen's
 * void-or-refund choice survives a restart. "Settled" is final: a batch the reconciliation import
 * stored (read from `settlement_rows`, not copied, so it is exactly as durable as the import) or a
 * settled answer kept here. "Unsettled" holds only until PayTrace's next batch close; learned
 * before the last close it is unknown again and must be asked (settled-state.ts).
 */
export function createPayTraceSettledStore(db: Db, close: BatchClose = PAYTRACE_BATCH_CLOSE) {
  // By our reference (PayTrace's invoice_id); else by PayTrace's id on the same rail (card and check
  // ids are separate series: settlements.ts keys rows `<batch>:<rail>:<id>`).
  const imported = db.prepare<{ reference: string; id: string | null; rail: Rail }, { n: number }>(
    `SELECT EXISTS (SELECT 1 FROM settlement_rows WHERE provider = 'paytrace' AND type = 'payment'
         AND our_reference = @reference)
       OR (@id IS NOT NULL AND EXISTS (SELECT 1 FROM settlement_rows WHERE provider = 'paytrace'
         AND type = 'payment' AND provider_payment_ref = @id AND row_key LIKE '%:' || @rail || ':' || @id)) AS n`,
  );
  const kept = db.prepare<[string], { state: SettledState; learnedAt: string }>(
    'SELECT state, learned_at AS learnedAt FROM paytrace_settlement_state WHERE reference = ?',
  );
  // A batch never reopens: an older "unsettled" answer (a slow export) never overwrites "settled".
  const upsert = db.prepare(
    `INSERT INTO paytrace_settlement_state (reference, rail, transaction_id, state, batch_number, learned_at, source)
     VALUES (@reference, @rail, @transactionId, @state, @batchNumber, @at, @source)
     ON CONFLICT (reference) DO UPDATE SET
       rail = excluded.rail, transaction_id = COALESCE(excluded.transaction_id, transaction_id),
       state = excluded.state, batch_number = excluded.batch_number,
       learned_at = excluded.learned_at, source = excluded.source
     WHERE state = 'unsettled'`,
  );

  return {
    /** What is known at `now` without asking PayTrace; null: unknown, or "unsettled" from before the last batch close. */
    known(attempt: { reference: string; providerRef: string | null; rail: Rail }, now: Date): SettledState | null {
      const { reference, providerRef, rail } = attempt;
      if (imported.get({ reference, id: providerRef, rail })?.n) return 'settled';
      const row = kept.get(attempt.reference);
      if (!row) return null;
      if (row.state === 'settled') return 'settled';
      return Date.parse(row.learnedAt) >= lastBatchClose(now, close).getTime() ? 'unsettled' : null;
    },

    /** Keeps what PayTrace said; returns what it means. */
    learned(fact: SettledFact): SettledState {
      const state: SettledState = fact.batchNumber ? 'settled' : 'unsettled';
      upsert.run({
        reference: fact.reference,
        rail: fact.rail,
        transactionId: fact.transactionId,
        state,
        batchNumber: fact.batchNumber || null,
        at: fact.at.toISOString(),
        source: fact.source,
      });
      return state;
    },
  };
}

export type PayTraceSettledStore = ReturnType<typeof createPayTraceSettledStore>;
