import type { z } from 'zod';
import { createJsonClient, httpCode, type JsonAnswer, type JsonRequest, type ProviderProblem } from '../json-client';
import type { AttemptRef, PaymentProvider, ProviderStatus, StartRequest, TerminalInfo } from '../provider';
import { ProviderError, type ProviderOwnCode } from '../provider';
import type { LanOrderGuard } from './ecr/ecr-cloud-check';
import { createEcrPath, LAN_REF_PREFIX } from './ecr/ecr-path';
import { basicAuth, type PayNlConfig, type PayUrl } from './paynl-config';
import { createPayNlRefunds } from './paynl-refunds';
import { PayError, PayOrder, PayTerminalList, PayTransaction } from './paynl-schemas';
import { mapPayStatus } from './paynl-status';

/** Pay. payment method id for a sale on a PIN terminal (2351, money back to a card: paynl-refunds.ts). */
export const PAY_METHOD_PIN = 1927;
const TERMINAL_CACHE_MS = 15_000;

export interface PayNlProviderOptions {
  config: () => PayNlConfig | null;
  pollIntervalMs?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
  /** PAY.ECR: which terminals are reached over the shop LAN, and where. */
  lan?: {
    mode(terminalId: string): 'cloud' | 'lan';
    address(terminalId: string): string | null;
    port: number;
    onEvent(reference: string): void;
    /** Order ids a LAN terminal names are checked against other payments, with evidence noted. */
    guard?: LanOrderGuard;
  };
}

/**
 * Pay.'s cloud path: orders on connect.pay.nl (Order API), terminals and refunds on rest.pay.nl.
 * Pay. has no idempotency key and no lookup by our reference, so a start whose answer was lost stays
 * unknown until an exchange call or a manager names it (invariant 6) — it is never sent twice.
 */
export function createPayNlProvider(options: PayNlProviderOptions): PaymentProvider & {
  transaction(id: string): Promise<z.infer<typeof PayTransaction>>;
  order(id: string): Promise<PayOrder>;
  close(): void;
} {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let terminalCache: { at: number; list: TerminalInfo[] } | null = null;

  const config = (): PayNlConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'Pay. is not configured');
    return current;
  };

  const client = (base: (current: PayNlConfig) => string) =>
    createJsonClient({ baseUrl: () => base(config()), headers: () => ({}), toError: payProblem, timeoutMs });
  const clients = { connect: client((c) => c.connectUrl), rest: client((c) => c.restUrl) };

  async function call<T extends z.ZodType>(
    schema: T,
    method: JsonRequest<T>['method'],
    at: PayUrl,
    body?: unknown,
    auth: 'token' | 'service' = 'service',
  ): Promise<z.output<T>> {
    const authorization = basicAuth(config(), auth);
    return clients[at.api].request({ schema, method, path: at.path, body, headers: { authorization } });
  }

  const connect = (path: string): PayUrl => ({ api: 'connect', path });
  const rest = (path: string): PayUrl => ({ api: 'rest', path });
  const order = (id: string) => call(PayOrder, 'GET', connect(`/v1/orders/${encodeURIComponent(id)}/status`));
  const transaction = (id: string) => call(PayTransaction, 'GET', rest(`/v2/transactions/${encodeURIComponent(id)}`));
  const refunds = createPayNlRefunds({ call, config, order, transaction });
  const orderBody = (request: StartRequest, current: PayNlConfig) => ({
    serviceId: current.serviceId,
    amount: { value: request.amount.minor, currency: request.amount.currency },
    description: request.description.slice(0, 32),
    reference: request.reference,
    ...(current.exchangeUrl ? { exchangeUrl: current.exchangeUrl } : {}),
    paymentMethod: { id: PAY_METHOD_PIN, input: { terminalCode: request.terminalId } },
    integration: { test: current.testMode },
    // Legacy exchange calls carry only extra1: it names the Kassa payment.
    stats: { extra1: request.reference },
  });
  const lan = options.lan;
  const ecr = lan
    ? createEcrPath({
        address: lan.address,
        port: lan.port,
        cloudOrder: order,
        onEvent: lan.onEvent,
        guard: lan.guard,
        transaction: (request) => orderBody(request, config()),
      })
    : null;
  const overLan = (terminalId: string) => ecr !== null && lan?.mode(terminalId) === 'lan';
  const isLanRef = (ref: string | null) => ecr !== null && ref?.startsWith(LAN_REF_PREFIX) === true;

  return {
    id: 'paynl',
    capabilities: {
      lookupByReference: false,
      cancel: 'abort',
      pushesEvents: true,
      idempotentStart: false,
      pollIntervalMs: options.pollIntervalMs ?? 1_500,
      firstPollDelayMs: options.pollIntervalMs ?? 1_500,
      // Pay.: "a cancelled transaction can still become PAID".
      lateApprovalWatchMs: 10 * 60_000,
      refunds: ['online', 'terminal'],
      // Pay. refunds carry no idempotency key: a lost answer is decided by a manager, never resent.
      idempotentRefunds: false,
      // Order:Void only undoes a reservation (status 95); PIN payments are captured at once (100), so
      // Kassa's approved Pay. payments are refunded, never voided. `void` answers 'too_late' for them.
      voids: false,
      currencies: null,
    },

    async listTerminals() {
      if (!options.config()) return [];
      // Cloud or LAN is the counter's own setting: decided on every listing, not cached with Pay.'s answer.
      const withConnection = (list: TerminalInfo[]): TerminalInfo[] =>
        list.map((t) => ({ ...t, connection: overLan(t.id) ? 'lan' : 'cloud' }));
      if (terminalCache && Date.now() - terminalCache.at < TERMINAL_CACHE_MS) return withConnection(terminalCache.list);
      try {
        const answer = await call(PayTerminalList, 'GET', rest('/v2/terminals?limit=100&page=1'), undefined, 'token');
        const list = answer.terminals
          .filter((t) => (t.status ?? 'ACTIVE').toUpperCase() === 'ACTIVE')
          .map(
            (t): TerminalInfo => ({
              id: t.code,
              name: t.name?.trim() || t.code,
              kind: /soft/i.test(t.terminalType ?? '') ? 'softpos' : 'terminal',
              online: (t.connectionStatus ?? '').toUpperCase() === 'ONLINE',
              refunds: (t.paymentTypes ?? []).some(
                (p) => (typeof p === 'string' ? p : p.paymentType).toUpperCase() === 'REFUND',
              ),
            }),
          );
        terminalCache = { at: Date.now(), list };
        return withConnection(list);
      } catch (error) {
        options.log?.(`Pay. terminal list unavailable: ${String(error)}`);
        // Known terminals stay listed, shown offline, until Pay. answers again.
        return withConnection((terminalCache?.list ?? []).map((t) => ({ ...t, online: false })));
      }
    },

    async start(request: StartRequest) {
      const current = config();
      if (ecr && overLan(request.terminalId)) return ecr.start(request);
      const created = await call(PayOrder, 'POST', connect('/v1/orders'), orderBody(request, current));
      return { providerRef: created.id };
    },

    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      if (ecr && (isLanRef(attempt.providerRef) || (!attempt.providerRef && overLan(attempt.terminalId)))) {
        const status = await ecr.status(attempt);
        if (status.kind !== 'pending' && status.kind !== 'not_found') ecr.forget(attempt.reference);
        return status;
      }
      if (!attempt.providerRef) return { kind: 'not_found', raw: 'NO_ORDER_ID' };
      const current = await order(attempt.providerRef);
      return mapPayStatus(current.status.code, current.status.action, current);
    },

    async cancel(attempt: AttemptRef) {
      if (ecr && isLanRef(attempt.providerRef)) return ecr.cancel(attempt);
      if (!attempt.providerRef) return 'too_late';
      try {
        await call(
          PayOrder.partial(),
          'PATCH',
          connect(`/v1/orders/${encodeURIComponent(attempt.providerRef)}/abort`),
          {},
        );
        return 'accepted';
      } catch (error) {
        if (error instanceof ProviderError && error.kind === 'refused') return 'too_late';
        throw error;
      }
    },

    refund: refunds.refund,
    refundStatus: refunds.refundStatus,

    /**
     * Same-day void. Pay.'s Order:Void cancels an active reservation (status 95) only; a card-present
     * PIN payment is captured at once (PAID, 100), so it can only be refunded: 'too_late'.
     */
    async void(attempt: AttemptRef): Promise<'voided' | 'too_late'> {
      if (!attempt.providerRef || isLanRef(attempt.providerRef)) return 'too_late';
      let current: PayOrder;
      try {
        current = await order(attempt.providerRef);
      } catch (error) {
        // Only the status was asked: nothing was voided, whatever went wrong.
        const code = error instanceof ProviderError ? error.code : 'lookup_failed';
        throw new ProviderError('refused', `lookup_${code}`, `order lookup before the void: ${String(error)}`);
      }
      if (current.status.code !== 95) return 'too_late';
      try {
        const voided = await call(PayOrder, 'PATCH', connect(`/v1/orders/${encodeURIComponent(current.id)}/void`), {});
        return voided.status.code === -90 ? 'voided' : 'too_late';
      } catch (error) {
        // Captured between the status read and the void: Pay. refuses, and a refund is the way back.
        if (error instanceof ProviderError && error.kind === 'refused' && error.code === 'PAY-3002') return 'too_late';
        throw error;
      }
    },

    order,
    close: () => ecr?.close(),
    transaction,
  };
}

/**
 * Only Pay.'s own refusal (a 4xx with its error body) proves a request was not acted on. A 5xx (503
 * included) or an answer in someone else's words (a proxy's HTML 502/504, a load balancer's 403) may
 * come after Pay. took it: with no lookup by our reference, that is "outcome unknown".
 */
export function payProblem(answer: JsonAnswer): ProviderProblem {
  const problem = PayError.safeParse(answer.body);
  const payCode = problem.success ? (problem.data.code ?? null) : null;
  const ownCode = payCode && /^[A-Z]+-\d+$/.test(payCode) ? (payCode as ProviderOwnCode) : null;
  const detail = problem.success ? (problem.data.detail ?? problem.data.title ?? '') : answer.text.slice(0, 200);
  return {
    code: ownCode ?? httpCode(answer.status),
    message: `${answer.status} ${detail}`,
    ownRefusal: answer.status >= 400 && answer.status < 500 && payCode?.startsWith('PAY-') === true,
  };
}
