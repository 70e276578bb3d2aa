import { create } from 'zustand';

import type { StartPaymentInput } from '../../../shared/api/schemas';

export type View = 'counter' | 'today' | 'paylinks' | 'sync' | 'settings' | 'unmatched' | 'day';

/**
 * What the cashier is doing right now, and nothing that lives in the database: the customer on
 * screen, ticked invoices, the amount being typed and any per-invoice split.
 */
interface CounterState {
  view: View;
  customerId: string | null;
  selected: ReadonlySet<string>;
  /** null: follow the selection (pay the ticked invoices in full). */
  amountDraft: string | null;
  split: Readonly<Record<string, number>>;
  paymentId: string | null;
  /** What the last Pay sent: "Try again" repeats it (same invoices, amount and phone) as a new attempt. */
  lastStart: Omit<StartPaymentInput, 'requestId'> | null;
  /** The payment whose details (refunds, slip) a manager has open. */
  detailId: string | null;
  showView(view: View): void;
  customerOpened(customerId: string, tickInvoiceId?: string | null): void;
  invoiceToggled(invoiceId: string): void;
  allToggled(invoiceIds: readonly string[]): void;
  amountTyped(text: string | null): void;
  splitSet(invoiceId: string, minor: number | null): void;
  splitReset(): void;
  paymentStarted(paymentId: string, input?: Omit<StartPaymentInput, 'requestId'>): void;
  detailOpened(paymentId: string | null): void;
  paymentClosed(clearSelection: boolean): void;
}

export const useCounterStore = create<CounterState>((set) => ({
  view: 'counter',
  customerId: null,
  selected: new Set(),
  amountDraft: null,
  split: {},
  paymentId: null,
  lastStart: null,
  detailId: null,
  showView: (view) => set({ view }),
  detailOpened: (detailId) => set({ detailId }),
  customerOpened: (customerId, tickInvoiceId) =>
    set((s) => {
      if (s.customerId === customerId) {
        if (!tickInvoiceId) return {};
        return { selected: new Set([...s.selected, tickInvoiceId]), amountDraft: null, split: {} };
      }
      return {
        view: 'counter',
        customerId,
        selected: new Set(tickInvoiceId ? [tickInvoiceId] : []),
        amountDraft: null,
        split: {},
      };
    }),
  invoiceToggled: (invoiceId) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(invoiceId)) selected.delete(invoiceId);
      else selected.add(invoiceId);
      const { [invoiceId]: _dropped, ...split } = s.split;
      return { selected, split, amountDraft: null };
    }),
  allToggled: (invoiceIds) =>
    set((s) => ({
      selected: s.selected.size === invoiceIds.length ? new Set() : new Set(invoiceIds),
      split: {},
      amountDraft: null,
    })),
  amountTyped: (text) => set({ amountDraft: text }),
  splitSet: (invoiceId, minor) =>
    set((s) => {
      const { [invoiceId]: _old, ...rest } = s.split;
      return { split: minor === null ? rest : { ...rest, [invoiceId]: minor } };
    }),
  splitReset: () => set({ split: {} }),
  paymentStarted: (paymentId, input) => set(input ? { paymentId, lastStart: input } : { paymentId }),
  paymentClosed: (clearSelection) =>
    set(clearSelection ? { paymentId: null, selected: new Set(), amountDraft: null, split: {} } : { paymentId: null }),
}));
