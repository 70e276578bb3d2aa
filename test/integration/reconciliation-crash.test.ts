import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/types';
import { addDays, createSettlementImport } from '../../electron/core/reconciliation/import';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { NOW, sourcesFor } from '../helpers/reconciliation-scenario';

const cleanups: (() => unknown)[] = [];
let child: ChildProcess | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

const rowsOf = (db: Db) =>
  db
    .prepare(
      `SELECT provider, account, row_key, type, payout_id, settled_on, booked_at, gross_minor, fee_minor, net_minor, currency
       FROM settlement_rows ORDER BY provider, row_key`,
    )
    .all();

/** Starts the child import and SIGKILLs it once it has stored `pages` pages. */
async function killAfterPages(dataDir: string, urls: { paynl: string; vipps: string }, pages: number): Promise<number> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/reconciliation-child.ts', dataDir, urls.paynl, urls.vipps, NOW.toISOString()],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PAGE_GAP_MS: '15' } },
  );
  child = proc;
  let seen = 0;
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  for await (const line of createInterface({ input: proc.stdout as NodeJS.ReadableStream })) {
    if (line.startsWith('{"done"')) throw new Error('the import finished before it was killed');
    seen += 1;
    if (seen === pages) {
      proc.kill('SIGKILL');
      break;
    }
  }
  await exited;
  expect(proc.signalCode).toBe('SIGKILL');
  return seen;
}

describe('Settlement import killed mid-import (SIGKILL, real child process)', () => {
  it('keeps rows and cursor together, and the next import completes to the same rows as an uninterrupted one', async () => {
    const paynl = await startPayNlFake();
    const vipps = await startVippsFake({ webhookMode: 'off' });
    cleanups.push(paynl.close, vipps.close);
    // Six captures on every ledger date of the window, a payout every third day; Pay. clears daily.
    for (let day = 0; day < 34; day++) {
      const date = addDays('2026-10-16', day);
      for (let i = 0; i < 6; i++) {
        vipps.report.add({
          entryType: 'capture',
          reference: `KS-${date}-${i}`,
          amountMinor: 1_000 + i,
          feeMinor: 18,
          currency: 'NOK',
          ledgerDate: date,
        });
        paynl.clearings.add({
          type: 'PAYMENT',
          transactionId: `o-${date}-${i}`,
          reference: `KS-P-${date}-${i}`,
          amountMinor: 2_000 + i,
          costsMinor: 20,
          currency: 'EUR',
          processedDate: date,
          clearingDate: addDays(date, 1),
        });
      }
      if (day % 3 === 2) vipps.report.payoutOn(date);
    }
    vipps.report.closeThrough('2026-11-19');

    const reference = openDatabase(join(mkdtempSync(join(tmpdir(), 'kassa-recon-ref-')), 'kassa.sqlite'));
    cleanups.push(() => reference.close());
    const importer = (db: Db) =>
      createSettlementImport({
        db,
        settlements: createSettlementRepository(db),
        sources: () => sourcesFor({ vipps, paynl }).reverse(),
        clock: { now: () => NOW },
        options: { pageGapMs: 0 },
      });
    await importer(reference).importAll();
    const expected = rowsOf(reference);
    expect(expected.length).toBe(34 * 6 * 2);

    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-recon-crash-'));
    openDatabase(join(dataDir, 'kassa.sqlite')).close();
    const urls = { paynl: paynl.url, vipps: vipps.url };
    for (const pages of [4, 7, 9]) {
      await killAfterPages(dataDir, urls, pages);
      const db = openDatabase(join(dataDir, 'kassa.sqlite'));
      const cursor = createSettlementRepository(db).cursor('vipps', '123456');
      expect(cursor).not.toBeNull();
      const next = (JSON.parse(cursor ?? '{}') as { date: string }).date;
      // Every ledger date before the cursor is stored whole, nothing at or after it: rows and cursor agree.
      const days = db
        .prepare(
          "SELECT substr(booked_at, 1, 10) AS day, count(*) AS n FROM settlement_rows WHERE provider = 'vipps' GROUP BY day ORDER BY day",
        )
        .all() as { day: string; n: number }[];
      expect(days.every((d) => d.day < next && d.n === 6)).toBe(true);
      expect(days.length).toBe(Math.round((Date.parse(next) - Date.parse('2026-10-16')) / 86_400_000));
      db.close();
    }

    const db = openDatabase(join(dataDir, 'kassa.sqlite'));
    cleanups.push(() => db.close());
    const results = await importer(db).importAll();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(rowsOf(db)).toEqual(expected);
  }, 60_000);
});
