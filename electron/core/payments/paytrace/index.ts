import { defineProviderModule } from '../provider-module';
import { createPayTraceDayTotals } from './day-totals';
import { createPayTraceClient } from './paytrace-client';
import type { PayTraceConfig } from './paytrace-config';
import { createPayTraceProvider, PAYTRACE_TERMINALS, type SettledKnowledge } from './paytrace-provider';
import { payTraceSettings } from './paytrace-settings';
import { createPayTraceSettlements } from './settlements';

/** PayTrace (US): cards and bank accounts on file charged for invoices, in dollars; batches for reconciliation. */
export const payTraceModule = defineProviderModule<PayTraceConfig>({
  id: 'paytrace',
  settings: payTraceSettings,
  create(deps) {
    const client = createPayTraceClient({ config: deps.config });
    const settled: SettledKnowledge = new Map();
    const provider = createPayTraceProvider({
      client,
      configured: () => deps.config() !== null,
      settled,
      now: () => deps.clock.now(),
      pollIntervalMs: deps.options.providerPollMs?.paytrace,
      noteLookup: (reference, detail) => {
        const payment = deps.payments.byReference(reference);
        if (payment) deps.notePayment(payment.id, 'paytrace_not_found', detail);
      },
    });
    return {
      provider,
      knownTerminals: PAYTRACE_TERMINALS,
      settlements: createPayTraceSettlements({
        client,
        // The API user is the account: one PayTrace merchant login per shop.
        account: deps.config()?.username ?? 'paytrace',
        settled,
      }),
      dayTotals: createPayTraceDayTotals({ client }),
    };
  },
});
