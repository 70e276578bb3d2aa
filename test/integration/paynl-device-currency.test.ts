import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { openDatabase } from '../../electron/core/db/open-database';
import { createDevicePaymentRecorder } from '../../electron/core/payments/paynl/paynl-device-payment';
import type { PayExchange } from '../../electron/core/payments/paynl/paynl-exchange';
import type { PayTransaction } from '../../electron/core/payments/paynl/paynl-schemas';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { createUnmatchedRepository } from '../../electron/core/repositories/unmatched';
import { tempDir } from '../helpers/test-engine';

/** Money taken on a Pay. device is listed in the currency Pay. names, never in a guessed one. */
function recorder() {
  const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  const unmatched = createUnmatchedRepository(db);
  const record = createDevicePaymentRecorder({
    payments: createPaymentRepository(db),
    unmatched,
    clock: systemClock,
    onUnmatched: () => {},
  });
  return { db, unmatched, record };
}

const exchange = (id: string): PayExchange => ({
  format: 'paypos',
  verified: true,
  key: id,
  reference: null,
  providerId: id,
  order: null,
  transaction: null,
  action: 'new_ppt',
});

const sale = (id: string, currency: string | null): PayTransaction => ({
  id,
  status: { code: 100, action: 'PAID' },
  amount: { value: 1500, currency },
  type: 'POS',
  paymentMethod: { terminalCode: 'TH-1000-0001', name: 'Visa' },
});

describe('Pay. device payments keep the currency Pay. names', () => {
  it('lists a dollar sale in dollars, and one without any currency not at all (it used to become euros)', () => {
    const { db, unmatched, record } = recorder();
    expect(record(exchange('EX-1'), sale('EX-1', 'USD'), null)).toBe('unmatched device payment recorded');
    expect(record(exchange('EX-2'), sale('EX-2', null), null)).toBe('device payment without a known currency (none)');
    expect(record(exchange('EX-3'), sale('EX-3', 'XYZ'), null)).toBe('device payment without a known currency (XYZ)');
    // The order behind the transaction may name it instead.
    const order = { id: 'o-4', amount: { value: 1500, currency: 'EUR' } } as Parameters<typeof record>[2];
    expect(record(exchange('EX-4'), sale('EX-4', null), order)).toBe('unmatched device payment recorded');
    expect(unmatched.open().map((row) => [row.providerRef, row.currency])).toEqual([
      ['EX-1', 'USD'],
      ['EX-4', 'EUR'],
    ]);
    db.close();
  });
});
