import type { Clock } from '../clock';
import { createPayNlExchangeHandler } from '../payments/paynl/paynl-exchange-handler';
import { createVippsWebhookHandler } from '../payments/vipps/vipps-webhook-handler';
import { WEBHOOK_PATHS } from '../webhooks/webhook-server';
import type { Providers } from './create-providers';
import type { EngineLog } from './engine-config';
import type { Repositories } from './open-repositories';
import type { PaymentWiring } from './wire-payments';

/** What the provider-call listener serves: Pay. exchange calls and Vipps webhooks. */
export function createWebhookRoutes(deps: {
  providers: Providers;
  money: PaymentWiring;
  repos: Repositories;
  clock: Clock;
  log: EngineLog;
  onUnmatched: () => void;
}) {
  const { providers, money, repos, clock } = deps;
  const log = (message: string) => deps.log(message);
  return {
    [WEBHOOK_PATHS.paynl]: createPayNlExchangeHandler({
      config: providers.providerSettings.payNl,
      provider: providers.paynl,
      payments: repos.payments,
      ledger: money.ledger,
      tracker: money.tracker,
      events: repos.providerEvents,
      unmatched: repos.unmatched,
      clock,
      onApplied: money.onApplied,
      onUnmatched: deps.onUnmatched,
      log,
    }),
    [WEBHOOK_PATHS.vipps]: createVippsWebhookHandler({
      registration: () => providers.vippsWebhooks.current(),
      merchantSerialNumber: () => providers.providerSettings.vipps()?.merchantSerialNumber ?? null,
      payments: repos.payments,
      ledger: money.ledger,
      tracker: money.tracker,
      events: repos.providerEvents,
      clock,
      onApplied: money.onApplied,
      log,
    }),
  };
}
