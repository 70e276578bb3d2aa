import { cleanup, screen } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { Invoice } from '../../../shared/api/schemas';
import { counterAnswers, PaymentColumn } from './counter-harness';
import { renderWithCore, speak } from './render';

const invoice: Invoice = {
  id: 'inv-1',
  number: '2026-0001',
  issueDate: '2026-11-01',
  dueDate: '2026-12-01',
  amountMinor: 5_000_000,
  outstandingMinor: 5_000_000,
  currency: 'EUR',
  overdue: false,
};

/**
 * Renders the real payment form (its plan from the real hook) with what the cashier typed, in the
 * given UI language, and returns the text of its alert.
 */
async function alertShown(language: 'nl' | 'en', typed: string): Promise<string | null> {
  cleanup();
  speak(language);
  useCounterStore.getState().amountTyped(typed);
  renderWithCore(createElement(PaymentColumn, { invoices: [invoice] }), counterAnswers);
  return screen.queryByRole('alert')?.textContent ?? null;
}

describe('payment form: an ambiguous amount is refused on screen with both readings', () => {
  it('shows the English message for 12,500', async () => {
    expect(await alertShown('en', '12,500')).toBe('12,500 could be €12.50 or €12,500.00 — type 12.50 or 12,500.00.');
  });

  it('shows the Dutch message for 1.000', async () => {
    expect(await alertShown('nl', '1.000')).toBe(
      '1.000 kan €\u00a01,00 of €\u00a01.000,00 zijn — typ 1,00 of 1.000,00.',
    );
  });

  it('still shows the plain messages and no alert for a clear amount', async () => {
    expect(await alertShown('en', '12.3456')).toBe('Too many decimals: at most 2.');
    expect(await alertShown('nl', '12,50')).toBeNull();
  });
});
