import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StateCreator } from 'zustand';
import type { Invoice } from '../../../shared/api/schemas';

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
 * given UI language, and returns the text of its alert. Modules are loaded fresh per language
 * because the renderer reads the saved language once, at start.
 */
async function alertShown(language: 'nl' | 'en', typed: string): Promise<string | null> {
  vi.resetModules();
  vi.stubGlobal('localStorage', { getItem: () => language, setItem: () => {} });
  vi.doMock('zustand', storesRenderTheirCurrentState);
  const { createElement } = await import('react');
  const { renderToStaticMarkup } = await import('react-dom/server');
  const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
  const { ApiProvider } = await import('../../../renderer/src/api/api-context');
  const { PaymentForm } = await import('../../../renderer/src/features/payment/PaymentForm');
  const { useCounterStore } = await import('../../../renderer/src/state/counter-store');
  const { usePaymentPlan } = await import('../../../renderer/src/state/use-payment-plan');

  useCounterStore.getState().amountTyped(typed);
  const pending = () => new Promise<never>(() => {});
  const client = { call: pending, subscribe: () => () => {} };
  function Counter() {
    const { plan, selectedTotalMinor, selectedCount } = usePaymentPlan([invoice]);
    return createElement(PaymentForm, {
      customerId: 'cust-1',
      currency: 'EUR',
      plan,
      selectedTotalMinor,
      selectedCount,
    });
  }
  const html = renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(ApiProvider, { client, children: createElement(Counter) }),
    ),
  );
  const alert = /<p class="problem" role="alert">([^<]*)<\/p>/.exec(html);
  return alert?.[1] ?? null;
}

/**
 * Rendered to a string, zustand shows a store's initial state (the server snapshot); the form must
 * show what the cashier typed, so the stores here answer with their current state instead.
 */
async function storesRenderTheirCurrentState() {
  const actual = await vi.importActual<typeof import('zustand')>('zustand');
  const create = (init: StateCreator<unknown>) => {
    const bound = actual.create(init);
    const api = { ...bound, getInitialState: () => bound.getState() };
    return Object.assign((selector: (state: unknown) => unknown) => actual.useStore(api, selector), api);
  };
  return { ...actual, create: (init?: StateCreator<unknown>) => (init ? create(init) : create) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.doUnmock('zustand');
});

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
