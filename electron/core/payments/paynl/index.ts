import type { CallHandler } from '../../webhooks/incoming';
import { defineProviderModule } from '../provider-module';
import { createPayNlDayTotals } from './day-totals';
import { ECR_TCP_PORT } from './ecr/ecr-messages';
import { createLanOrderGuard } from './ecr/ecr-order-guard';
import { createEcrSettings } from './ecr/ecr-settings';
import type { PayNlConfig } from './paynl-config';
import { createPayNlExchangeHandler } from './paynl-exchange-handler';
import { createPayNlProvider } from './paynl-provider';
import { payNlSettings } from './paynl-settings';
import { createPayNlSettlements } from './settlements';

/** Where Pay. sends exchange calls (the path is part of every order's exchange URL). */
export const PAYNL_EXCHANGE_PATH = '/paynl/exchange';

/**
 * Pay.: PIN terminals through Pay.'s cloud (Order API) or directly over the shop LAN (PAY.ECR),
 * exchange calls for order updates, and discovery of the Pay.POS terminals on the network.
 */
export const payNlModule = defineProviderModule<PayNlConfig>({
  id: 'paynl',
  settings: payNlSettings,
  callPath: PAYNL_EXCHANGE_PATH,
  create(deps) {
    const lan = deps.options.lan;
    const ecrSettings = createEcrSettings({
      settings: deps.settings,
      discovery: {
        address: lan?.discoveryAddress,
        port: lan?.discoveryPort,
        timeoutMs: lan?.discoveryAddress ? 500 : 3_000,
      },
    });
    const provider = createPayNlProvider({
      config: deps.config,
      pollIntervalMs: deps.options.providerPollMs?.paynl,
      log: (message) => deps.log(message),
      lan: {
        mode: ecrSettings.mode,
        address: ecrSettings.address,
        port: lan?.tcpPort ?? ECR_TCP_PORT,
        onEvent: (reference) => deps.wakePayment(reference),
        guard: createLanOrderGuard({ payments: deps.payments, unmatched: deps.unmatched, note: deps.notePayment }),
      },
    });
    // The ledger and tracker exist only after the registry this provider is part of: made on first call.
    let handler: CallHandler | null = null;
    const exchange: CallHandler = (call) => {
      handler ??= createPayNlExchangeHandler({
        config: deps.config,
        provider,
        payments: deps.payments,
        ledger: deps.ledger(),
        tracker: deps.tracker(),
        events: deps.events,
        unmatched: deps.unmatched,
        clock: deps.clock,
        onApplied: deps.onApplied,
        onUnmatched: deps.onUnmatched,
        log: (message) => deps.log(message),
      });
      return handler(call);
    };
    return {
      provider,
      calls: { path: PAYNL_EXCHANGE_PATH, handler: exchange },
      discovery: { discover: ecrSettings.discover, setConnection: ecrSettings.setMode },
      settlements: createPayNlSettlements({ config: deps.config }),
      dayTotals: createPayNlDayTotals({ config: deps.config }),
      close: () => provider.close(),
    };
  },
});
