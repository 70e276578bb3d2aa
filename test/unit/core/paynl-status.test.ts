import { describe, expect, it } from 'vitest';
import { decodeReceipt, lastFour, mapPayStatus } from '../../../electron/core/payments/paynl/paynl-status';
import { maskCardNumbers } from '../../../shared/security/card-numbers';

describe('Pay. status codes → Kassa', () => {
  // Every row of the reference table (paynl_paytrace.md §1.6).
  it.each([
    [20, 'pending'],
    [25, 'pending'],
    [50, 'pending'],
    [90, 'pending'],
    [98, 'pending'],
    [75, 'pending'],
    [76, 'pending'],
    [80, 'pending'], // partial payment: can still become PAID
    [85, 'pending'], // verify: waits for the merchant's approve/decline
    [95, 'pending'], // authorised, not captured
    [97, 'pending'],
    [100, 'approved'],
    [-51, 'needs_review'], // paid amount differs from the order
    [-60, 'failed'],
    [-61, 'cancelled'],
    [-63, 'declined'],
    [-64, 'declined'],
    [-70, 'approved'], // chargeback: the sale itself happened
    [-71, 'approved'],
    [-72, 'approved'],
    [-80, 'expired'],
    [-81, 'approved'], // refunded afterwards
    [-82, 'approved'],
    [-90, 'cancelled'],
    [-99, 'cancelled'], // any other negative code
  ])('%i is %s', (code, kind) => {
    expect(mapPayStatus(code, null).kind).toBe(kind);
  });

  it('waits for the card at 20/50 and keeps the raw code as evidence', () => {
    expect(mapPayStatus(50, 'PENDING')).toEqual({ kind: 'pending', phase: 'waiting_card', raw: '50 PENDING' });
  });
});

describe('card data from Pay.', () => {
  it('keeps only the last four digits of a masked number', () => {
    expect(lastFour('524322******6350')).toBe('6350');
    expect(lastFour(null)).toBeNull();
  });

  it('decodes the receipt (base64 of a JSON array of slip lines)', () => {
    const lines = [' Kopie Kaarthouder', 'Terminal: 8XDN6L    Merchant: 618088'];
    expect(decodeReceipt(Buffer.from(JSON.stringify(lines)).toString('base64'))).toEqual(lines);
    expect(decodeReceipt(Buffer.from('line 1\nline 2').toString('base64'))).toEqual(['line 1', 'line 2']);
  });

  it('masks a full card number should a slip ever carry one, before it is stored', () => {
    expect(maskCardNumbers('Kaart: 5243 2212 3456 6350')).toBe('Kaart: ************6350');
    expect(maskCardNumbers('Kaart: ************6350')).toBe('Kaart: ************6350');
    expect(maskCardNumbers('Bedrag: EUR 12.50  Terminal 12345678')).toBe('Bedrag: EUR 12.50  Terminal 12345678');
  });
});
