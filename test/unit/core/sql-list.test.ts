import { describe, expect, it } from 'vitest';
import { OPEN_PAYMENT_SQL, OPEN_REFUND_SQL, OPEN_VOID_SQL, sqlList } from '../../../electron/core/db/sql-list';

describe('SQL lists rendered from the app’s own constants', () => {
  it('renders the open lists of shared/payment/states.ts', () => {
    expect(OPEN_PAYMENT_SQL).toBe("('recorded', 'sent', 'pending', 'unknown')");
    expect(OPEN_REFUND_SQL).toBe("('recorded', 'sent', 'pending', 'unknown')");
    expect(OPEN_VOID_SQL).toBe("('recorded', 'sent', 'unknown')");
  });

  it('refuses anything that is not a plain word, and an empty list', () => {
    expect(() => sqlList(["x') OR 1=1 --"])).toThrow(/not a constant/);
    expect(() => sqlList(['Approved'])).toThrow(/not a constant/);
    expect(() => sqlList([])).toThrow(/at least one/);
  });
});
