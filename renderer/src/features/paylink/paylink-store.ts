import { create } from 'zustand';

/**
 * What the counter remembers about pay links between components, and nothing that lives in the
 * database: the last "Send link" that freed the counter (shown under the form), and for a link made
 * but not e-mailed, the address and the reason (shown on the link's panel so the cashier can retry).
 */
interface PayLinkState {
  sentNotice: { paymentId: string; amountMinor: number; currency: string; to: string } | null;
  notMailed: Readonly<Record<string, { to: string; language: 'nl' | 'en'; error: unknown }>>;
  linkSent(notice: PayLinkState['sentNotice']): void;
  mailFailed(paymentId: string, to: string, language: 'nl' | 'en', error: unknown): void;
  clearNotice(): void;
}

export const usePayLinkStore = create<PayLinkState>((set) => ({
  sentNotice: null,
  notMailed: {},
  linkSent: (sentNotice) => set({ sentNotice }),
  mailFailed: (paymentId, to, language, error) =>
    set((s) => ({ notMailed: { ...s.notMailed, [paymentId]: { to, language, error } } })),
  clearNotice: () => set({ sentNotice: null }),
}));
