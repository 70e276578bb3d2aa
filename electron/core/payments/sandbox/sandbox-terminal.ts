import { createHash, randomUUID } from 'node:crypto';
import type { PendingPhase } from '../../../../shared/payment/states';
import { type Db, openDatabase } from '../../db/open-database';
import { type SandboxOutcome, type Scenario, scenarioForAmount, TIMELINES } from './scenarios';

export interface SandboxTransaction {
  readonly id: string;
  readonly reference: string;
  readonly terminalId: string;
  readonly amountMinor: number;
  readonly scenario: Scenario;
}

export type SandboxState =
  | { readonly final: false; readonly phase: PendingPhase }
  | { readonly final: true; readonly outcome: SandboxOutcome; readonly card: { brand: string; last4: string } | null };

interface TxRow {
  id: string;
  reference: string;
  terminal_id: string;
  amount_minor: number;
  scenario: Scenario;
  started_at: number;
  cancelled_at: number | null;
  voided_at: number | null;
  void_requests: number;
}

/**
 * The terminal's service menu, for demos and tests (set in its own SQLite file, like a technician
 * sets a real device): `start_transit_ms` delays a start request on its way to the terminal;
 * `void_answer` = `lost` (the void is done, the answer lost), `dropped` (the request never arrives)
 * or `too_late` (the acquirer already settled the day).
 */
export type SandboxKnob = 'start_transit_ms' | 'void_answer';

/**
 * The simulated terminal itself: it keeps its own memory in its own SQLite file, like a real device
 * keeps its journal, so it still knows what happened to a payment when Kassa was killed mid-way.
 * Its behaviour is a function of time since the request arrived, so answers are reproducible.
 */
export class SandboxTerminal {
  private readonly db: Db;
  private readonly phaseMs: number;
  private readonly now: () => number;

  constructor(file: string, options: { phaseMs: number; now?: () => number }) {
    this.db = openDatabase(file, { migrate: false });
    this.db.exec(`CREATE TABLE IF NOT EXISTS sandbox_tx (
      id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, terminal_id TEXT NOT NULL,
      amount_minor INTEGER NOT NULL, scenario TEXT NOT NULL, started_at INTEGER NOT NULL, cancelled_at INTEGER
    ) STRICT`);
    this.db.exec('CREATE TABLE IF NOT EXISTS sandbox_knobs (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    // Terminals from before voids learn to remember them.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(sandbox_tx)').all();
    if (!columns.some((c) => c.name === 'voided_at')) {
      this.db.exec(`ALTER TABLE sandbox_tx ADD COLUMN voided_at INTEGER;
        ALTER TABLE sandbox_tx ADD COLUMN void_requests INTEGER NOT NULL DEFAULT 0`);
    }
    this.phaseMs = options.phaseMs;
    this.now = options.now ?? Date.now;
  }

  /** Starts a transaction; a terminal runs one at a time, and a reference is accepted once. */
  start(reference: string, terminalId: string, amountMinor: number): SandboxTransaction {
    const existing = this.byReference(reference);
    if (existing) throw new SandboxRefusal('duplicate_reference', `reference ${reference} was already used`);
    const busy = this.db
      .prepare<[string], TxRow>('SELECT * FROM sandbox_tx WHERE terminal_id = ? ORDER BY started_at DESC LIMIT 1')
      .get(terminalId);
    if (busy && !this.stateOf(busy).final) throw new SandboxRefusal('terminal_busy', 'the terminal is busy');
    const row: TxRow = {
      id: `SBX-${randomUUID().slice(0, 8).toUpperCase()}`,
      reference,
      terminal_id: terminalId,
      amount_minor: amountMinor,
      scenario: scenarioForAmount(amountMinor),
      started_at: this.now(),
      cancelled_at: null,
      voided_at: null,
      void_requests: 0,
    };
    this.db
      .prepare(
        `INSERT INTO sandbox_tx (id, reference, terminal_id, amount_minor, scenario, started_at, cancelled_at, voided_at, void_requests)
         VALUES (@id, @reference, @terminal_id, @amount_minor, @scenario, @started_at, @cancelled_at, @voided_at, @void_requests)`,
      )
      .run(row);
    return toTransaction(row);
  }

  byReference(reference: string): SandboxTransaction | undefined {
    const row = this.rowByReference(reference);
    return row && toTransaction(row);
  }

  state(reference: string): SandboxState | undefined {
    const row = this.rowByReference(reference);
    return row && this.stateOf(row);
  }

  /** The cashier's stop button: works while the terminal waits for a card or PIN, not once it is authorising. */
  cancel(reference: string): 'accepted' | 'too_late' | 'not_found' {
    const row = this.rowByReference(reference);
    if (!row) return 'not_found';
    const state = this.stateOf(row);
    if (state.final) return state.outcome === 'cancelled' ? 'accepted' : 'too_late';
    if (state.phase === 'processing') return 'too_late';
    this.db.prepare('UPDATE sandbox_tx SET cancelled_at = ? WHERE id = ?').run(this.now(), row.id);
    return 'accepted';
  }

  /**
   * Same-day void of an approved transaction by its id. `lost`/`dropped` knobs: the caller gets no
   * answer (the void happened, or never arrived). A transaction from an earlier day is settled.
   */
  void(transactionId: string): 'voided' | 'too_late' | 'not_approved' | 'no_answer' {
    const row = this.db.prepare<[string], TxRow>('SELECT * FROM sandbox_tx WHERE id = ?').get(transactionId);
    if (!row) return 'not_approved';
    const knob = this.knob('void_answer');
    if (knob === 'dropped') return 'no_answer';
    this.db.prepare('UPDATE sandbox_tx SET void_requests = void_requests + 1 WHERE id = ?').run(row.id);
    const state = this.stateOf(row);
    if (state.final && state.outcome === 'voided') return knob === 'lost' ? 'no_answer' : 'voided';
    if (!state.final || state.outcome !== 'approved') return 'not_approved';
    const settled = new Date(row.started_at).toDateString() !== new Date(this.now()).toDateString();
    if (knob === 'too_late' || settled) return 'too_late';
    this.db.prepare('UPDATE sandbox_tx SET voided_at = ? WHERE id = ?').run(this.now(), row.id);
    return knob === 'lost' ? 'no_answer' : 'voided';
  }

  /** How long a start request travels before the terminal has it (the `start_transit_ms` knob). */
  transitMs(): number {
    const value = Number(this.knob('start_transit_ms') ?? 0);
    return Number.isFinite(value) && value > 0 ? value : 0;
  }

  setKnob(name: SandboxKnob, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM sandbox_knobs WHERE name = ?').run(name);
    else this.db.prepare('INSERT OR REPLACE INTO sandbox_knobs (name, value) VALUES (?, ?)').run(name, value);
  }

  close(): void {
    this.db.close();
  }

  private knob(name: SandboxKnob): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM sandbox_knobs WHERE name = ?').get(name)
      ?.value;
  }

  private rowByReference(reference: string): TxRow | undefined {
    return this.db.prepare<[string], TxRow>('SELECT * FROM sandbox_tx WHERE reference = ?').get(reference);
  }

  private stateOf(row: TxRow): SandboxState {
    const timeline = TIMELINES[row.scenario];
    const endsAt = row.started_at + timeline.endAt * this.phaseMs;
    if (row.cancelled_at !== null && row.cancelled_at < endsAt) {
      return { final: true, outcome: 'cancelled', card: null };
    }
    const elapsed = this.now() - row.started_at;
    if (row.voided_at !== null) return { final: true, outcome: 'voided', card: cardFor(row.reference) };
    if (elapsed >= timeline.endAt * this.phaseMs) {
      const card = timeline.outcome === 'approved' ? cardFor(row.reference) : null;
      return { final: true, outcome: timeline.outcome, card };
    }
    let phase: PendingPhase = 'waiting_card';
    for (const step of timeline.phases) if (elapsed >= step.at * this.phaseMs) phase = step.phase;
    return { final: false, phase };
  }
}

export class SandboxRefusal extends Error {
  override name = 'SandboxRefusal';
  constructor(
    readonly code: 'duplicate_reference' | 'terminal_busy',
    message: string,
  ) {
    super(message);
  }
}

const BRANDS = ['Maestro', 'V PAY', 'Visa', 'Mastercard'] as const;

function cardFor(reference: string): { brand: string; last4: string } {
  const digest = createHash('sha256').update(reference).digest();
  const last4 = String(digest.readUInt16BE(0) % 10_000).padStart(4, '0');
  return { brand: BRANDS[(digest[2] ?? 0) % BRANDS.length] ?? 'Maestro', last4 };
}

function toTransaction(row: TxRow): SandboxTransaction {
  return {
    id: row.id,
    reference: row.reference,
    terminalId: row.terminal_id,
    amountMinor: row.amount_minor,
    scenario: row.scenario,
  };
}
