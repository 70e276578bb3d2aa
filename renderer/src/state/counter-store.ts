import { create } from 'zustand';

export type View = 'counter' | 'today' | 'sync' | 'settings';

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
  showView(view: View): void;
  customerOpened(customerId: string, tickInvoiceId?: string | null): void;
  invoiceToggled(invoiceId: string): void;
  allToggled(invoiceIds: readonly string[]): void;
  amountTyped(text: string | null): void;
  splitSet(invoiceId: string, minor: number | null): void;
  splitReset(): void;
  paymentStarted(paymentId: string): void;
  paymentClosed(clearSelection: boolean): void;
}

export const useCounterStore = create<CounterState>((set) => ({
  view: 'counter',
  customerId: null,
  selected: new Set(),
  amountDraft: null,
  split: {},
  paymentId: null,
  showView: (view) => set({ view }),
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
  paymentStarted: (paymentId) => set({ paymentId }),
  paymentClosed: (clearSelection) =>
    set(clearSelection ? { paymentId: null, selected: new Set(), amountDraft: null, split: {} } : { paymentId: null }),
}));
