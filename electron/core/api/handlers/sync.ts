import { ApiError } from '../../../../shared/api/errors';
import type { SyncItem, SystemStatus } from '../../../../shared/api/schemas';
import type { OutboxRepository } from '../../repositories/outbox';
import type { PaymentRepository } from '../../repositories/payments';
import type { SyncEngine } from '../../sync/sync-engine';
import type { HandlerMap } from './handler-map';

export interface SyncHandlerDeps {
  outbox: OutboxRepository;
  payments: PaymentRepository;
  sync: SyncEngine;
  systemStatus: () => SystemStatus;
}

/** What still has to reach the back-office, and asking for it to go now. */
export function createSyncHandlers(deps: SyncHandlerDeps): HandlerMap<'sync.items' | 'sync.retry' | 'sync.now'> {
  const { outbox, payments, sync } = deps;

  const syncItems = (): SyncItem[] =>
    // Payments and their documents; the audit trail's rows travel on their own (audit screen, ADR 0016).
    outbox
      .open()
      .filter((row) => row.kind !== 'audit_event')
      .map((row) => {
        const payment = payments.get(row.aggregateId);
        return {
          id: row.id,
          kind: row.kind,
          paymentId: row.aggregateId,
          reference: payment?.reference ?? null,
          customerName: payment?.customerName ?? null,
          amount: payment ? { minor: payment.amountMinor, currency: payment.currency } : null,
          state: row.state === 'held' ? 'held' : 'waiting',
          attempts: row.attempts,
          reason: row.state === 'held' ? row.heldReason : row.lastError,
          createdAt: row.createdAt,
          lastAttemptAt: row.lastAttemptAt,
          nextAttemptAt: row.nextAttemptAt,
        };
      });

  return {
    async 'sync.items'() {
      return syncItems();
    },

    async 'sync.retry'({ id }) {
      if (!outbox.retry(id)) throw new ApiError('not_found', 'nothing to retry', { id });
      sync.wake();
      return syncItems();
    },

    async 'sync.now'() {
      await sync.runCycle(true);
      return deps.systemStatus();
    },
  };
}
