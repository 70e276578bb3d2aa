import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { expect } from 'vitest';
import type { AuditEntry } from '../../electron/core/audit/audit-entry';
import { createReconciliation } from '../../electron/core/reconciliation/reconciliation-service';
import { createSettlementRefs } from '../../electron/core/reconciliation/settlement-refs';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startVippsFake, type VippsFake } from '../../fakes/vipps/vipps-fake';
import { fixedClock, openBooks, sourcesFor } from './reconciliation-scenario';
import { tempDir } from './test-engine';

/**
 * A MobilePay ledger (Vipps fake over HTTP) with two captures and a refund on two ledger dates, paid
 * out on the second date (payout po-20261111), and Kassa's own records of those payments.
 */
export async function setupPayoutLedger(cleanups: (() => unknown)[]) {
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(vipps.close);
  const books = openBooks(tempDir('kassa-recon-po-'));
  cleanups.push(() => books.db.close());
  const pay = (reference: string, minor: number, on: string) =>
    books.payment({ provider: 'vipps', reference, minor, currency: 'NOK', on });
  const ids = { a: pay('KS-A', 10_000, '2026-11-10'), b: pay('KS-B', 20_000, '2026-11-11') };
  const refund = books.refund(ids.a, 1_000, '2026-11-11');
  const add = (entryType: 'capture' | 'refund', reference: string, amountMinor: number, feeMinor: number, on: string) =>
    vipps.report.add({ entryType, reference, amountMinor, feeMinor, currency: 'NOK', ledgerDate: on });
  add('capture', 'KS-A', 10_000, 175, '2026-11-10');
  add('capture', 'KS-B', 20_000, 350, '2026-11-11');
  add('refund', 'KS-A', -1_000, 0, '2026-11-11');
  vipps.report.payoutOn('2026-11-11');
  const clock = fixedClock();
  const audit: AuditEntry[] = [];
  /** What the sources logged (e.g. a payout-aborted row they could not tie to a payout). */
  const logs: string[] = [];
  const refs = createSettlementRefs({ db: books.db, clock });
  const recon = createReconciliation({
    db: books.db,
    settlements: createSettlementRepository(books.db),
    sources: () => sourcesFor({ vipps }, { log: (message) => logs.push(message) }),
    clock,
    settings: books.repos.settings,
    audit: (entry) => audit.push(entry),
    options: { pageGapMs: 0 },
    onMatched: (paymentIds) => refs.enqueue(paymentIds),
  });
  return { vipps, books, ids, refund, recon, clock, audit, logs };
}

export const payoutsIn = (books: ReturnType<typeof openBooks>) =>
  books.db
    .prepare(
      'SELECT payout_id AS payoutId, net_minor AS netMinor, aborted, settled_on AS settledOn FROM settlement_payouts ORDER BY payout_id',
    )
    .all();
/** The net of the first payout's lines: two captures less their fees, and a refund. */
export const LINE_NET = 10_000 - 175 + (20_000 - 350) - 1_000;

/** The newest settlement references the outbox holds for a payment. */
export function lastRefs(books: ReturnType<typeof openBooks>, paymentId: string) {
  const row = books.db
    .prepare(
      "SELECT payload FROM outbox WHERE kind = 'settlement.refs' AND aggregate_id = ? ORDER BY rowid DESC LIMIT 1",
    )
    .get(paymentId) as { payload: string } | undefined;
  return row
    ? (JSON.parse(row.payload) as { settlements: { payoutId: string | null; settledOn: string | null }[] })
    : null;
}

/** One funds date as the fake serves it, checked against the Report API's shared 200 response schema. */
export async function reportPage(vipps: VippsFake, date: string): Promise<{ items: { entryType: string }[] }> {
  const doc = yaml.load(readFileSync('test/fixtures/provider-specs/vipps-report-api-swagger.yaml', 'utf8')) as object;
  const token = (await (
    await fetch(`${vipps.url}/accesstoken/get`, {
      method: 'POST',
      headers: {
        client_id: vipps.credentials.clientId,
        client_secret: vipps.credentials.clientSecret,
        'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
      },
    })
  ).json()) as { access_token: string };
  const answer = await fetch(`${vipps.url}/report/v2/ledgers/302321/funds/dates/${date}`, {
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
    },
  });
  const body = await answer.json();
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'vipps');
  const validate = ajv.compile({ $ref: 'vipps#/components/responses/200/content/application~1json/schema' });
  expect(validate(body) ? [] : validate.errors).toEqual([]);
  return body as { items: { entryType: string }[] };
}
