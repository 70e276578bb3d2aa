import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SandboxKnob } from '../../electron/core/payments/sandbox/sandbox-terminal';

/** Sets a sandbox terminal's service-menu knob in its own SQLite file (null clears it). */
export function setSandboxKnob(dataDir: string, name: SandboxKnob, value: string | null): void {
  const db = new Database(join(dataDir, 'sandbox-terminal.sqlite'));
  try {
    if (value === null) db.prepare('DELETE FROM sandbox_knobs WHERE name = ?').run(name);
    else db.prepare('INSERT OR REPLACE INTO sandbox_knobs (name, value) VALUES (?, ?)').run(name, value);
  } finally {
    db.close();
  }
}

export interface SandboxTxRow {
  id: string;
  reference: string;
  started_at: number;
  cancelled_at: number | null;
  voided_at: number | null;
  void_requests: number;
}

/** What the sandbox terminal itself remembers of one transaction. */
export function sandboxTransaction(dataDir: string, reference: string): SandboxTxRow | undefined {
  const db = new Database(join(dataDir, 'sandbox-terminal.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM sandbox_tx WHERE reference = ?').get(reference) as SandboxTxRow | undefined;
  } finally {
    db.close();
  }
}
