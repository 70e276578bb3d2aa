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
import { deliverWaiting } from './deliver';
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
}

/**
 * Keeps the counter and the back-office in step: deliver the outbox, then pull changes. One cycle
 * at a time; when the line is down it probes with a growing, jittered interval rather than hammering.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const random = deps.random ?? Math.random;
  let connection: { client: BackofficeClient; stationId: string } | null = null;
  let online: boolean | null = null;
  let lastSuccessAt: string | null = deps.settings.get('sync.lastSuccessAt');
  let lastError: string | null = null;
  let failures = 0;
  let rejectedCredentials = false;
  let running: Promise<void> | null = null;
  let again = false;
  /** A "Sync now" that arrived while a cycle ran: the next cycle must honour it. */
  let forceRequested = false;
  let timer: NodeJS.Timeout | null = null;
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

  async function cycle(force: boolean): Promise<void> {
    if (!connection) return;
    const { client, stationId } = connection;
    try {
      const delivery = await deliverWaiting({ ...deps, client, stationId, random }, { ignoreBackoff: force });
      if (delivery.stoppedBy && delivery.stoppedBy.kind !== 'server' && delivery.stoppedBy.kind !== 'rate_limited') {
        throw delivery.stoppedBy;
      }
      await pullChanges({ ...deps, client, pageSize: deps.pageSize ?? 500 });
      if (delivery.stoppedBy) throw delivery.stoppedBy;
      online = true;
      failures = 0;
      lastError = null;
      rejectedCredentials = false;
      lastSuccessAt = deps.clock.now().toISOString();
      deps.settings.set('sync.lastSuccessAt', lastSuccessAt);
    } catch (error) {
      failures += 1;
      online = error instanceof SyncError ? error.kind !== 'network' : online;
      rejectedCredentials = error instanceof SyncError && error.kind === 'unauthorized';
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      deps.onStatus(status());
    }
  }

  /**
   * One cycle; if one is running, the caller waits for it and for one more after it.
   * `force` (a person pressed "Sync now") tries the head message even while it backs off; pressed
   * during a running cycle, it forces the cycle that follows (the running one may have skipped it).
   */
  function runCycle(force = false): Promise<void> {
    if (force) forceRequested = true;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const forced = forceRequested;
        forceRequested = false;
        await cycle(forced);
      } while (again);
    })().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  function nextDelay(): number {
    if (online === false || (lastError && failures > 0)) return retryDelayMs(failures, random);
    const head = deps.outbox.head();
    if (head) {
      const due = head.nextAttemptAt ? Date.parse(head.nextAttemptAt) - deps.clock.now().getTime() : 0;
      return Math.max(50, due);
    }
    return deps.pullIntervalMs ?? 15_000;
  }

  function schedule(delay = nextDelay()): void {
    if (!started || !connection) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void runCycle();
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
      failures = 0;
      lastError = null;
      rejectedCredentials = false;
      schedule(0);
      deps.onStatus(status());
    },
    /** Something new is waiting: deliver it soon (a short delay lets a burst share one cycle). */
    wake(): void {
      if (!running && online !== false) schedule(30);
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
      await running;
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
