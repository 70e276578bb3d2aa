import type { SystemStatus } from '../../../shared/api/schemas';
import type { OutboxRepository } from '../repositories/outbox';
import type { SyncEngine } from '../sync/sync-engine';

/** What the status bar shows: demo or live, recovery, the outbox and the sync. */
export function systemStatus(deps: {
  demoActive: () => boolean;
  /** Until the orchestrator exists and has recovered, new payments wait. */
  recovering: () => boolean;
  outbox: OutboxRepository;
  sync: SyncEngine;
  version: string;
}): SystemStatus {
  return {
    mode: deps.demoActive() ? 'demo' : 'live',
    recovering: deps.recovering(),
    outboxDepth: deps.outbox.depth(),
    version: deps.version,
    sync: deps.sync.status(),
  };
}
