import type { AuditedChange } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { ReceiptDocuments } from '../receipts/receipt-documents';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { BackofficeClient } from '../sync/backoffice-client';
import { createBackofficeConnection } from '../sync/backoffice-connection';
import { createBooks } from '../sync/books';
import { createSyncEngine } from '../sync/sync-engine';
import type { DemoSwitch } from './demo-switch';
import type { EngineConfig, EngineLog } from './engine-config';
import type { Repositories } from './open-repositories';

/** The back-office side: the outbox/pull engine and the choice of back-office its books belong to. */
export function wireSync(deps: {
  config: EngineConfig;
  db: Db;
  repos: Repositories;
  documents: ReceiptDocuments;
  secrets: SecretCipher;
  demo: DemoSwitch;
  clock: Clock;
  log: EngineLog;
  onStatus: () => void;
  audited?: AuditedChange;
  pullUsers?: (client: BackofficeClient) => Promise<void>;
}) {
  const { config, db, repos, demo, clock } = deps;
  const sync = createSyncEngine({
    db,
    customers: repos.customers,
    invoices: repos.invoices,
    outbox: repos.outbox,
    payments: repos.payments,
    settings: repos.settings,
    clock,
    random: config.random,
    pullIntervalMs: config.syncIntervalMs ?? (demo.backoffice ? 5_000 : 30_000),
    renderReceipt: deps.documents.paymentReceiptForUpload,
    renderRefundReceipt: deps.documents.refundReceiptForUpload,
    onStatus: deps.onStatus,
    pullUsers: deps.pullUsers,
  });
  const connection = createBackofficeConnection({
    settings: repos.settings,
    secrets: deps.secrets,
    sync,
    books: createBooks({ db, dataDir: config.dataDir, clock }),
    fromEnvironment: config.backoffice ?? null,
    demo: demo.backoffice,
    demoAllowed: demo.active,
    log: (message) => deps.log(message),
    audited: deps.audited,
    onSwitched: (from) => {
      if (from.kind === 'demo') demo.forgetLetterhead();
    },
  });
  return { sync, connection };
}
