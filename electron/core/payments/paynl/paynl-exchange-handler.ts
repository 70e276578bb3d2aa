import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { ProviderEventRepository } from '../../repositories/provider-events';
import type { UnmatchedRepository } from '../../repositories/unmatched';
import type { CallAnswer, CallHandler } from '../../webhooks/incoming';
import type { Applied, PaymentLedger } from '../payment-ledger';
import type { PaymentTracker } from '../payment-tracker';
import type { ProviderStatus } from '../provider';
import { mapProviderStatus } from '../status-mapping';
import { LAN_REF_PREFIX } from './ecr/ecr-path';
import type { PayNlConfig } from './paynl-config';
import { type PayExchange, parseExchange } from './paynl-exchange';
import type { createPayNlProvider } from './paynl-provider';
import type { PayTransaction } from './paynl-schemas';
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
}

/**
 * Receives Pay.'s exchange calls. Each delivery is recorded (de-duplicated by its content) before it
 * is processed; a signed call's status is applied as given, an unsigned one only after Pay. confirms
 * it; the state machine ignores anything older than what Kassa knows.
 */
export function createPayNlExchangeHandler(deps: ExchangeHandlerDeps): CallHandler {
  const { payments, ledger, tracker, events, unmatched, provider, clock } = deps;

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
    return recordUnmatched(exchange.providerId, tx);
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
      detail: { exchange: exchange.format, action: exchange.action },
    });
    deps.onApplied(applied);
    return applied.transition.kind;
  }

  function recordUnmatched(providerId: string, tx: PayTransaction): string {
    const status = mapPayStatus(tx.status.code, tx.status.action);
    if (status.kind !== 'approved') return `device payment not paid (${status.raw})`;
    const amount = tx.amount?.value;
    if (!amount || !Number.isSafeInteger(amount) || amount <= 0) return 'device payment without amount';
    const added = unmatched.insert({
      id: `U-${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`,
      provider: 'paynl',
      providerRef: tx.id ?? providerId,
      amountMinor: amount,
      currency: tx.amount?.currency ?? 'EUR',
      terminalId: tx.paymentMethod?.terminalCode ?? null,
      cardBrand: tx.paymentMethod?.name ?? null,
      cardLast4: lastFour(tx.paymentData?.creditcard?.number),
      paidAt: clock.now().toISOString(),
    });
    if (added) deps.onUnmatched();
    return added ? 'unmatched device payment recorded' : 'unmatched device payment already known';
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
    try {
      const outcome = await Promise.race([process(exchange), budget]);
      if (outcome === null) return answer(503, 'FALSE| still processing, please retry');
      events.finish('paynl', exchange.key, outcome);
      return answer(200, `TRUE| ${outcome}`);
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
