import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReceiptHistory } from '../../../renderer/src/features/print-email/ReceiptHistory';
import { renderWithCore, speak } from './render';

const searched = (calls: { method: string; input: unknown }[]) =>
  calls.filter((c) => c.method === 'receipts.search').map((c) => (c.input as { amountMinor?: number }).amountMinor);

async function searchFor(amount: string) {
  const view = renderWithCore(<ReceiptHistory />, { 'receipts.search': [] });
  await view.user.type(screen.getByRole('textbox', { name: 'Amount' }), amount);
  await view.user.click(screen.getByRole('button', { name: 'Search' }));
  return view;
}

describe('receipt history: the amount filter reads amounts like the counter does', () => {
  it('searches a Dutch "1.234,56" as 123456 cents, exactly', async () => {
    speak('nl');
    const view = renderWithCore(<ReceiptHistory />, { 'receipts.search': [] });
    await view.user.type(screen.getByRole('textbox', { name: 'Bedrag' }), '1.234,56');
    await view.user.click(screen.getByRole('button', { name: 'Zoeken' }));
    await waitFor(() => expect(searched(view.calls)).toContain(123_456));
  });

  it('searches a dollar amount typed the US way', async () => {
    const view = await searchFor('$1,234.56');
    await waitFor(() => expect(searched(view.calls)).toContain(123_456));
  });

  it('refuses an amount that reads two ways, says both, and searches nothing with a guess', async () => {
    const view = await searchFor('12,500');
    expect((await screen.findByRole('alert')).textContent).toMatch(/12[.,]50.*12[.,]500/);
    expect(searched(view.calls).filter((minor) => minor !== undefined)).toEqual([]);
  });
});
