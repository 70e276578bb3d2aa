import type { SyncStatus } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository } from '../repositories/outbox';
import type { PaymentRepository } from '../repositories/payments';
import type { SettingsRepository } from '../repositories/settings';
import { retryDelayMs } from './backoff';
import { type BackofficeClient, SyncError } from './backoffice-client';
import { deliverDue } from './deliver';
import { createLineState } from './line-state';
import { createOutboxQueue } from './outbox-queue';
import { pullChanges } from './pull';

export interface SyncEngineDeps {
  db: Db;
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  outbox: OutboxRepository;
  payments: PaymentRepository;
  settings: SettingsRepository;
  clock: Clock;
  random?: () => number;
  pageSize?: number;
  /** How often to pull when nothing is waiting. */
  pullIntervalMs?: number;
  renderReceipt: (paymentId: string, locale: 'nl' | 'en') => Promise<Buffer>;
  renderRefundReceipt?: (refundId: string, locale: 'nl' | 'en') => Promise<Buffer>;
  onStatus: (status: SyncStatus) => void;
  /** Brings the shop's users in with each pull (issue 12). */
  pullUsers?: (client: BackofficeClient) => Promise<void>;
}

/**
 * Keeps the counter and the back-office in step. Delivery and pull are independent: a round
 * delivers every message that is due (each backs off on its own, a 429 pauses only its endpoint)
 * and pulls when a pull is due or was asked for; a failing pull never holds up delivery nor the
 * other way round. When the line gives no answer it is probed every 0.75–1.5 s, and a new approval
 * is tried at once, so delivery moves within about two seconds of the line healing.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const random = deps.random ?? Math.random;
  const pullIntervalMs = deps.pullIntervalMs ?? 15_000;
  const queue = createOutboxQueue(deps.db);
  /** Per connection: a round still running against the previous back-office cannot touch it. */
  let line = createLineState(random);
  let generation = 0;
  const nowMs = () => deps.clock.now().getTime();
  let connection: { client: BackofficeClient; stationId: string } | null = null;
  let online: boolean | null = null;
  let lastSuccessAt: string | null = deps.settings.get('sync.lastSuccessAt');
  let lastError: string | null = null;
  let rejectedCredentials = false;
  let running: Promise<void> | null = null;
  let again = false;
  /** A "Sync now" that arrived while a round ran: the next round must honour it. */
  let forceRequested = false;
  /** Someone called runCycle: the next round pulls whether or not a pull is due. */
  let pullRequested = false;
  let pullDueAt = 0;
  let pullFailures = 0;
  let nextDeliveryAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let started = false;

  const status = (): SyncStatus => ({
    configured: connection !== null,
    online,
    waiting: deps.outbox.depth(),
    held: deps.outbox.heldCount(),
    lastSuccessAt,
    lastError,
    rejectedCredentials,
  });

  function succeeded(): void {
    online = true;
    rejectedCredentials = false;
    lastSuccessAt = deps.clock.now().toISOString();
    deps.settings.set('sync.lastSuccessAt', lastSuccessAt);
  }

  function failed(error: unknown): void {
    lastError = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SyncError)) return;
    online = error.kind !== 'network';
    rejectedCredentials = error.kind === 'unauthorized';
  }

  async function round(force: boolean, pullAsked: boolean): Promise<void> {
    if (!connection) return;
    const { client, stationId } = connection;
    if (!force && line.waiting(nowMs())) return;
    const mine = generation;
    let errors = 0;
    try {
      const delivery = await deliverDue({ ...deps, client, stationId, random, queue, line }, { force });
      if (mine !== generation) return;
      nextDeliveryAt = delivery.nextDueAt;
      if (delivery.delivered > 0) succeeded();
      if (delivery.lastError) {
        errors += 1;
        failed(delivery.lastError);
        // One request without an answer among answered ones is that message's bad luck, not the line.
        if (!delivery.lineError && delivery.lastError.kind === 'network') online = true;
      }
      if (delivery.lineError) return;
      if (!(force || pullAsked || nowMs() >= pullDueAt)) return;
      try {
        await pullChanges({ ...deps, client, pageSize: deps.pageSize ?? 1_000 });
        if (mine !== generation) return;
        line.accepted();
        pullFailures = 0;
        pullDueAt = nowMs() + pullIntervalMs;
        succeeded();
      } catch (error) {
        if (mine !== generation) return;
        errors += 1;
        failed(error);
        pullFailures += 1;
        if (error instanceof SyncError && (error.kind === 'network' || error.kind === 'unauthorized')) {
          pullDueAt = line.failed(error, nowMs());
        } else {
          line.answered();
          pullDueAt = nowMs() + retryDelayMs(pullFailures - 1, random, (error as SyncError).retryAfterMs ?? null);
        }
      }
    } finally {
      if (mine === generation && errors === 0) lastError = null;
      deps.onStatus(status());
    }
  }

  /**
   * One round (deliver what is due, then pull); if one is running, the caller waits for it and for
   * one more after it. `force` (a person pressed "Sync now") tries every waiting message even while
   * it backs off; pressed during a running round, it forces the round that follows.
   */
  function runCycle(force = false): Promise<void> {
    pullRequested = true;
    return runRound(force);
  }

  function runRound(force = false): Promise<void> {
    if (force) forceRequested = true;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const forced = forceRequested;
        const pullAsked = pullRequested;
        forceRequested = false;
        pullRequested = false;
        await round(forced, pullAsked);
      } while (again);
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  /** The earliest of: the next line probe, the next message due, the next pull. */
  function nextDelay(): number {
    const now = nowMs();
    const probeAt = line.retryAt();
    if (probeAt !== null && probeAt > now) return probeAt - now;
    const at = Math.min(nextDeliveryAt ?? Number.POSITIVE_INFINITY, pullDueAt);
    return Math.max(20, at - now);
  }

  function schedule(delay = nextDelay()): void {
    if (!started || !connection) return;
    const at = Date.now() + delay;
    // A sooner wake-up replaces a later one; a later one never postpones a sooner one.
    if (timer && timerAt <= at && !running) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      void runRound();
    }, delay);
  }

  return {
    status,
    runCycle,
    /** The configured back-office client, for calls outside the cycle (invoice holds). */
    client: (): BackofficeClient | null => connection?.client ?? null,
    configure(client: BackofficeClient | null, stationId: string): void {
      connection = client ? { client, stationId } : null;
      online = null;
      lastError = null;
      rejectedCredentials = false;
      generation += 1;
      line = createLineState(random);
      pullDueAt = 0;
      pullFailures = 0;
      nextDeliveryAt = null;
      schedule(0);
      deps.onStatus(status());
    },
    /**
     * Something new is waiting: deliver it soon (a short delay lets a burst share one round), even
     * while the line looks down: the new message is its own probe.
     */
    wake(): void {
      line.allowProbe(nowMs());
      nextDeliveryAt = nowMs();
      if (running) again = true;
      else schedule(30);
      deps.onStatus(status());
    },
    start(): void {
      started = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      await running;
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
