import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import { counterAnswers, PaymentColumn } from './counter-harness';
import { anInvoice } from './fixtures';
import { renderWithCore } from './render';

const older = anInvoice({ id: 'inv-1', number: '2026-0001', dueDate: '2026-11-01', outstandingMinor: 100_00 });
const newer = anInvoice({ id: 'inv-2', number: '2026-0002', dueDate: '2026-12-15', outstandingMinor: 50_00 });

function ticked() {
  useCounterStore.setState({ customerId: 'cust-1', selected: new Set(['inv-1', 'inv-2']) });
  return renderWithCore(<PaymentColumn invoices={[older, newer]} />, counterAnswers);
}

const splitFor = (number: string) => screen.getByLabelText(`Amount for invoice ${number}`) as HTMLInputElement;

describe('split input: the cashier puts another amount on one invoice', () => {
  it('takes a typed split on Enter, and the rest of the payment moves to the other invoice', async () => {
    const { user } = ticked();
    await user.type(screen.getByLabelText('Amount to pay (EUR)'), '{Control>}a{/Control}120');
    await user.clear(splitFor('2026-0002'));
    await user.type(splitFor('2026-0002'), '50{Enter}');
    expect(useCounterStore.getState().split).toEqual({ 'inv-2': 50_00 });
    expect(splitFor('2026-0001').value).toBe('70.00');
    expect(splitFor('2026-0002').value).toBe('50.00');
    expect(screen.getByRole('list', { name: 'Allocation' }).textContent).toContain('still owes €30.00');
  });

  it('takes a typed split when the field is left', async () => {
    const { user } = ticked();
    await user.clear(splitFor('2026-0001'));
    await user.type(splitFor('2026-0001'), '40');
    await user.tab();
    expect(useCounterStore.getState().split).toEqual({ 'inv-1': 40_00 });
  });

  it('refuses an ambiguous split with the message, and shows the amount it had', async () => {
    const { user } = ticked();
    await user.clear(splitFor('2026-0001'));
    await user.type(splitFor('2026-0001'), '12,500{Enter}');
    expect(useCounterStore.getState().split).toEqual({});
    expect(splitFor('2026-0001').value).toBe('100.00');
    expect(splitFor('2026-0001').getAttribute('aria-invalid')).toBe('true');
    const refusal = screen.getByRole('alert');
    expect(refusal.textContent).toBe('12,500 could be €12.50 or €12,500.00 — type 12.50 or 12,500.00.');
    expect(refusal.getAttribute('title')).toBe(refusal.textContent);

    await user.type(splitFor('2026-0001'), '1');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an emptied split follows the payment again', async () => {
    const { user } = ticked();
    useCounterStore.setState({ amountDraft: '90', split: { 'inv-1': 40_00 } });
    expect(await screen.findByDisplayValue('40.00')).toBe(splitFor('2026-0001'));
    await user.clear(splitFor('2026-0001'));
    await user.keyboard('{Enter}');
    expect(useCounterStore.getState().split).toEqual({});
    expect(splitFor('2026-0001').value).toBe('90.00');
  });
});
