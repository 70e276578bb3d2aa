import type { Clock } from '../../clock';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { ProviderEventRepository } from '../../repositories/provider-events';
import type { UnmatchedRepository } from '../../repositories/unmatched';
import type { CallAnswer, CallHandler } from '../../webhooks/incoming';
import type { Applied, PaymentLedger } from '../payment-ledger';
import type { PaymentTracker } from '../payment-tracker';
import { ProviderError, type ProviderStatus } from '../provider';
import { mapProviderStatus } from '../status-mapping';
import { LAN_REF_PREFIX } from './ecr/ecr-path';
import type { PayNlConfig } from './paynl-config';
import { type ConfirmationLimits, createConfirmationGate } from './paynl-confirm-gate';
import { createDevicePaymentRecorder } from './paynl-device-payment';
import { type PayExchange, parseExchange } from './paynl-exchange';
import type { createPayNlProvider } from './paynl-provider';
import type { PayOrder } from './paynl-schemas';
import { lastFour, mapPayStatus } from './paynl-status';

/** Pay. gives an exchange call 5 s; answer FALSE before that so it retries rather than times out. */
const ANSWER_BUDGET_MS = 3_500;

export interface ExchangeHandlerDeps {
  config: () => PayNlConfig | null;
  provider: ReturnType<typeof createPayNlProvider>;
  payments: PaymentRepository;
  ledger: PaymentLedger;
  tracker: PaymentTracker;
  events: ProviderEventRepository;
  unmatched: UnmatchedRepository;
  clock: Clock;
  onApplied: (applied: Applied) => void;
  onUnmatched: () => void;
  log: (message: string) => void;
  /** Bounds on the Pay. lookups unsigned calls cause (defaults: paynl-confirm-gate.ts). */
  confirmations?: ConfirmationLimits;
}

/**
 * Receives Pay.'s exchange calls. Each delivery is recorded (de-duplicated by its content) before it
 * is processed; a signed call's status is applied as given, an unsigned one only after Pay. confirms
 * it; the state machine ignores anything older than what Kassa knows.
 */
export function createPayNlExchangeHandler(deps: ExchangeHandlerDeps): CallHandler {
  const { payments, ledger, tracker, events, unmatched, provider, clock } = deps;
  const recordDevicePayment = createDevicePaymentRecorder({
    payments,
    unmatched,
    clock,
    onUnmatched: deps.onUnmatched,
  });
  const confirm = createConfirmationGate(deps.confirmations);

  async function process(exchange: PayExchange): Promise<string> {
    const payment =
      (exchange.reference ? payments.byReference(exchange.reference) : undefined) ??
      (exchange.providerId ? payments.byProviderRef('paynl', exchange.providerId) : undefined);
    if (payment) {
      if (!payment.providerRef && exchange.format === 'order' && exchange.providerId) {
        // Kassa never learnt this order's id (the answer to the start was lost): ask Pay. for the
        // order the call names, and take it only if it carries this payment's reference.
        const order = await provider.order(exchange.providerId);
        if (order.reference !== payment.reference) return 'order does not match the payment';
        const status = mapPayStatus(order.status.code, order.status.action, order);
        return applyStatus(payment, status, exchange, order.id);
      }
      const told = exchange.verified ? statusFromExchange(exchange) : null;
      if (!told) {
        await tracker.checkOnce(payment.id, { closedToo: true });
        return 'confirmed by status query';
      }
      // A LAN payment known only by our reference: a signed call gives Pay.'s order id (refunds need it).
      const laterId = payment.providerRef?.startsWith(LAN_REF_PREFIX) ? (exchange.order?.id ?? null) : null;
      return applyStatus(payment, told, exchange, laterId);
    }
    if (exchange.format === 'order' || !exchange.providerId) return 'not a Kassa payment';
    // A payment started on the Pay.POS/SoftPOS device itself: it waits for the cashier to assign it.
    const tx =
      exchange.verified && exchange.transaction
        ? exchange.transaction
        : await provider.transaction(exchange.providerId);
    // The Order API order behind it, if there is one: its UUID and reference are what Kassa stores.
    const order = tx.orderId ? await orderIfAny(tx.orderId) : null;
    return recordDevicePayment(exchange, tx, order);
  }

  async function orderIfAny(orderId: string): Promise<PayOrder | null> {
    try {
      return await provider.order(orderId);
    } catch (error) {
      // Not an Order API order (a payment on the older transaction platform): nothing to compare.
      const notFound = error instanceof ProviderError && ['PAY-404', 'http_404'].includes(error.code);
      if (notFound) return null;
      throw error;
    }
  }

  function applyStatus(
    payment: PaymentRow,
    told: ProviderStatus,
    exchange: PayExchange,
    orderId: string | null,
  ): string {
    const mapped = mapProviderStatus(told, payment.status, provider.capabilities);
    if (!mapped.event) return 'nothing to change';
    const applied = ledger.apply(payment.id, mapped.event, {
      ...(orderId ? { providerRef: orderId } : {}),
      providerStatus: told.raw,
      card: mapped.card,
      slip: mapped.slip ?? null,
      failureReason: mapped.failureReason,
      ...(mapped.paidMinor ? { paidMinor: mapped.paidMinor } : {}),
      detail: { exchange: exchange.format, action: exchange.action },
    });
    deps.onApplied(applied);
    return applied.transition.kind;
  }

  return async (call): Promise<CallAnswer> => {
    const config = deps.config();
    if (!config) return answer(404, 'FALSE| Pay. is not configured on this counter');
    const parsed = parseExchange(call, config);
    if (!parsed.ok) {
      deps.log(`Pay. exchange refused: ${parsed.reason}`);
      return answer(parsed.reason === 'signature_invalid' ? 401 : 400, `FALSE| ${parsed.reason}`);
    }
    const { exchange } = parsed;
    const at = clock.now().toISOString();
    const summary = {
      format: exchange.format,
      action: exchange.action,
      reference: exchange.reference,
      id: exchange.providerId,
    };
    const fresh = events.record('paynl', exchange.key, at, exchange.verified, summary);
    if (!fresh && events.outcome('paynl', exchange.key)) return answer(200, 'TRUE| already processed');

    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ANSWER_BUDGET_MS);
    });
    // A signed call is Pay.'s own word; an unsigned one costs a lookup at Pay., so it goes through the gate.
    const work = exchange.verified
      ? process(exchange).then((outcome) => ({ ran: true as const, outcome }))
      : confirm(exchange.providerId ?? exchange.reference ?? exchange.key, () => process(exchange));
    try {
      const gated = await Promise.race([work, budget]);
      if (gated === null) return answer(503, 'FALSE| still processing, please retry');
      if (!gated.ran) return answer(429, `FALSE| ${gated.why}`);
      events.finish('paynl', exchange.key, gated.outcome);
      return answer(200, `TRUE| ${gated.outcome}`);
    } catch (error) {
      deps.log(`Pay. exchange not processed: ${String(error)}`);
      return answer(503, 'FALSE| not processed, please retry');
    } finally {
      clearTimeout(timer);
    }
  };
}

function statusFromExchange(exchange: PayExchange): ProviderStatus | null {
  if (exchange.order) return mapPayStatus(exchange.order.status.code, exchange.order.status.action, exchange.order);
  if (exchange.transaction) {
    const status = mapPayStatus(exchange.transaction.status.code, exchange.transaction.status.action);
    if (status.kind !== 'approved') return status;
    const last4 = lastFour(exchange.transaction.paymentData?.creditcard?.number);
    return { ...status, card: last4 ? { brand: exchange.transaction.paymentMethod?.name ?? 'Card', last4 } : null };
  }
  return null;
}

function answer(status: number, body: string): CallAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}
