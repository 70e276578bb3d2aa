import { useMemo } from 'react';
import { type AllocationError, type AllocationLine, allocate } from '../../../shared/allocation/allocate';
import type { Invoice } from '../../../shared/api/schemas';
import { type AmountProblem, describeAmountProblem } from '../../../shared/money/amount-problem';
import { decimalsOf, isCurrencyCode } from '../../../shared/money/currency';
import { type ParseAmountError, parseAmount } from '../../../shared/money/parse';
import { useLanguage } from '../i18n/use-i18n';
import { useCounterStore } from './counter-store';

export type PaymentPlan =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'amount_error';
      readonly error: ParseAmountError;
      readonly decimals: number;
      /** The message for the cashier (an ambiguous "12,500" is quoted back with both readings). */
      readonly problem: AmountProblem;
    }
  | { readonly kind: 'allocation_error'; readonly error: AllocationError; readonly amountMinor: number }
  | {
      readonly kind: 'ready';
      readonly amountMinor: number;
      readonly currency: string;
      readonly lines: ReadonlyMap<string, AllocationLine>;
      /** Sent to the core; empty means "all open invoices", which the core allocates identically. */
      readonly invoiceIds: readonly string[];
    };

/**
 * The preview the cashier sees is the same pure allocation the core runs when Pay is pressed,
 * so the screen and the books can never disagree. The amount is read in the customer's currency
 * (the core refuses any other); until that is known nothing is planned — never a guessed euro.
 */
export function usePaymentPlan(
  invoices: readonly Invoice[] | undefined,
  currency: string | undefined,
): {
  plan: PaymentPlan;
  basis: readonly Invoice[];
  selectedTotalMinor: number;
  selectedCount: number;
} {
  const selected = useCounterStore((s) => s.selected);
  const amountDraft = useCounterStore((s) => s.amountDraft);
  const split = useCounterStore((s) => s.split);
  const language = useLanguage();

  return useMemo(() => {
    const all = invoices ?? [];
    // Ticked invoices that a payment has just paid off leave the open list; they no longer count.
    const ticked = all.filter((inv) => selected.has(inv.id));
    const selectedCount = ticked.length;
    const basis = selectedCount > 0 ? ticked : all;
    const selectedTotalMinor = ticked.reduce((sum, inv) => sum + inv.outstandingMinor, 0);
    if (currency === undefined || !isCurrencyCode(currency))
      return { plan: { kind: 'empty' }, basis, selectedTotalMinor, selectedCount };
    const decimals = decimalsOf(currency);

    let amountMinor: number;
    if (amountDraft === null || amountDraft.trim() === '') {
      if (selectedCount === 0) return { plan: { kind: 'empty' }, basis, selectedTotalMinor, selectedCount };
      amountMinor = selectedTotalMinor;
    } else {
      const parsed = parseAmount(amountDraft, currency, language);
      if (!parsed.ok)
        return {
          plan: {
            kind: 'amount_error',
            error: parsed.error,
            decimals,
            problem: describeAmountProblem(parsed, currency, language),
          },
          basis,
          selectedTotalMinor,
          selectedCount,
        };
      amountMinor = parsed.minor;
    }
    const result = allocate(basis, amountMinor, split);
    if (!result.ok)
      return {
        plan: { kind: 'allocation_error', error: result.error, amountMinor },
        basis,
        selectedTotalMinor,
        selectedCount,
      };
    return {
      plan: {
        kind: 'ready',
        amountMinor,
        currency,
        lines: new Map(result.lines.map((line) => [line.invoiceId, line])),
        invoiceIds: ticked.map((inv) => inv.id),
      },
      basis,
      selectedTotalMinor,
      selectedCount,
    };
  }, [invoices, currency, selected, amountDraft, split, language]);
}
