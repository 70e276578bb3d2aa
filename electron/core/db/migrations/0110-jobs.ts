import type { Migration } from '../types';

/**
 * Durable print, e-mail and webhook jobs. A job is committed before anything leaves the machine and
 * is marked `sending` (committed) right before each attempt, so a crash mid-attempt is seen on the
 * next start. What happens then depends on the channel (see docs in electron/core/jobs/job-runner.ts):
 * an e-mail or a print becomes `uncertain` for a manager to decide; a webhook is sent again under the
 * same event id. `message_id` is the stable Message-ID / webhook-id of every attempt of the job.
 */
export const m0110Jobs: Migration = {
  version: 110,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('print', 'email', 'webhook')),
        purpose TEXT NOT NULL,
        document_kind TEXT CHECK (document_kind IN ('payment', 'refund')),
        document_id TEXT,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'sending', 'sent', 'uncertain', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT,
        requested_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX jobs_due ON jobs(status, next_attempt_at);
      CREATE INDEX jobs_by_document ON jobs(document_id, created_at);
    `);
  },
};
