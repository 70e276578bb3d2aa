import { localDate, startOfLocalDay } from '../../clock';
import type { AttemptRef } from '../provider';
import { defineProviderModule } from '../provider-module';
import { createPayTraceDayTotals } from './day-totals';
import { createPayTraceClient } from './paytrace-client';
import type { PayTraceConfig } from './paytrace-config';
import { createPayTraceProvider, PAYTRACE_TERMINALS } from './paytrace-provider';
import { payTraceSettings } from './paytrace-settings';
import { createPayTraceSettledStore } from './settled-store';
import { createPayTraceSettlements } from './settlements';

/** PayTrace (US): cards and bank accounts on file charged for invoices, in dollars; batches for reconciliation. */
export const payTraceModule = defineProviderModule<PayTraceConfig>({
  id: 'paytrace',
  settings: payTraceSettings,
  create(deps) {
    const client = createPayTraceClient({ config: deps.config });
    const now = () => deps.clock.now();
    /**
     * Only a sale that can still be voided needs the answer: approved today and nothing refunded
     * (void-service.ts voids same-day only). Older sales are refunded whatever the batch says, so
     * showing a list of them asks PayTrace nothing.
     */
    const worthAsking = (attempt: AttemptRef) => {
      const payment = deps.payments.byReference(attempt.reference);
      return (
        payment?.provider === 'paytrace' &&
        payment.status === 'approved' &&
        payment.refundedMinor === 0 &&
        localDate(new Date(payment.createdAt)) === localDate(now())
      );
    };
    const provider = createPayTraceProvider({
      client,
      configured: () => deps.config() !== null,
      settled: createPayTraceSettledStore(deps.db),
      now,
      pollIntervalMs: deps.options.providerPollMs?.paytrace,
      noteLookup: (reference, detail) => {
        const payment = deps.payments.byReference(reference);
        if (payment) deps.notePayment(payment.id, 'paytrace_not_found', detail);
      },
      worthAskingSettled: worthAsking,
      settledChanged: (reference) => {
        const payment = deps.payments.byReference(reference);
        if (payment) deps.paymentChanged(payment.id);
      },
    });
    return {
      provider,
      knownTerminals: PAYTRACE_TERMINALS,
      settlements: createPayTraceSettlements({
        client,
        // The API user is the account: one PayTrace merchant login per shop.
        account: deps.config()?.username ?? 'paytrace',
      }),
      dayTotals: createPayTraceDayTotals({ client }),
      async start() {
        // Unfinished work is recovered by asking: today's sales whose batch state is unknown (a
        // restart across PayTrace's batch close, a sale from before migration 0220). In the
        // background: an unreachable PayTrace must not hold up the counter's start.
        if (!deps.config()) return;
        const today = deps.payments.createdSince(startOfLocalDay(now()).toISOString());
        void provider.recoverSettled(today.filter(worthAsking)).catch((error: unknown) => {
          deps.log('PayTrace: asking about settled batches failed', error);
        });
      },
      idle: () => provider.settledIdle(),
      close() {
        provider.stopAsking();
      },
    };
  },
});
