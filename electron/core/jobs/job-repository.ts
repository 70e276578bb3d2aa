import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';

export type JobKind = 'print' | 'email' | 'webhook';
export type JobStatus = 'waiting' | 'sending' | 'sent' | 'uncertain' | 'failed' | 'cancelled';

export interface NewJob {
  kind: JobKind;
  /** What it is for: `receipt`, `receipt-copy`, `test`, `automation:<rule>`… shown in the queue. */
  purpose: string;
  documentKind?: 'payment' | 'refund' | null;
  documentId?: string | null;
  /** The address, printer URI or URL, as the queue shows it. */
  target: string;
  payload: unknown;
  /** Who asked: a user when there are users, the station until then. */
  requestedBy: string;
  /** Stable Message-ID / webhook-id; generated when not given. */
  messageId?: string;
}

export interface JobRow {
  id: string;
  kind: JobKind;
  purpose: string;
  documentKind: 'payment' | 'refund' | null;
  documentId: string | null;
  target: string;
  payload: string;
  messageId: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

const ROW = `id, kind, purpose, document_kind AS documentKind, document_id AS documentId, target, payload,
  message_id AS messageId, status, attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt,
  requested_by AS requestedBy, created_at AS createdAt, updated_at AS updatedAt, sent_at AS sentAt`;

/**
 * The job table. Every state change is its own committed statement, so what the queue screen shows
 * is what survived a crash.
 */
export function createJobRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO jobs (id, kind, purpose, document_kind, document_id, target, payload, message_id, status,
       requested_by, created_at, updated_at)
     VALUES (@id, @kind, @purpose, @documentKind, @documentId, @target, @payload, @messageId, 'waiting',
       @requestedBy, @at, @at)
     ON CONFLICT(message_id) DO NOTHING`,
  );
  const byMessageId = db.prepare<[string], JobRow>(`SELECT ${ROW} FROM jobs WHERE message_id = ?`);
  const byId = db.prepare<[string], JobRow>(`SELECT ${ROW} FROM jobs WHERE id = ?`);
  const due = db.prepare<[string], JobRow>(
    `SELECT ${ROW} FROM jobs WHERE status = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
     ORDER BY created_at, id`,
  );
  const nextDue = db.prepare<[], { at: string | null }>(
    "SELECT min(coalesce(next_attempt_at, '')) AS at FROM jobs WHERE status = 'waiting'",
  );
  const release = db.prepare<[{ kind: JobKind; reason: string; at: string }]>(
    `UPDATE jobs SET next_attempt_at = NULL, updated_at = @at
     WHERE status = 'waiting' AND kind = @kind AND last_error = @reason`,
  );
  const interrupted = db.prepare<[], JobRow>(`SELECT ${ROW} FROM jobs WHERE status = 'sending'`);
  const open = db.prepare<[], JobRow>(
    `SELECT ${ROW} FROM jobs WHERE status IN ('waiting', 'sending', 'uncertain', 'failed') ORDER BY created_at DESC`,
  );
  const forDocument = db.prepare<[string], JobRow>(
    `SELECT ${ROW} FROM jobs WHERE document_id = ? ORDER BY created_at DESC`,
  );
  const setStatus = db.prepare(
    `UPDATE jobs SET status = @status, last_error = @error, next_attempt_at = @next, updated_at = @at,
       attempts = attempts + @counted, sent_at = CASE WHEN @status = 'sent' THEN @at ELSE sent_at END
     WHERE id = @id`,
  );

  const move = (
    id: string,
    status: JobStatus,
    at: string,
    extra: { error?: string | null; next?: string | null; counted?: 0 | 1 } = {},
  ) =>
    setStatus.run({
      id,
      status,
      at,
      error: extra.error ?? null,
      next: extra.next ?? null,
      counted: extra.counted ?? 0,
    });

  return {
    /** Records a job; with a given Message-ID, a second call for the same one returns the first job. */
    enqueue(job: NewJob, at: string): JobRow {
      const id = randomUUID();
      const messageId = job.messageId ?? `<${id}@kassa.invalid>`;
      insert.run({
        id,
        kind: job.kind,
        purpose: job.purpose,
        documentKind: job.documentKind ?? null,
        documentId: job.documentId ?? null,
        target: job.target,
        payload: JSON.stringify(job.payload),
        messageId,
        requestedBy: job.requestedBy,
        at,
      });
      return byMessageId.get(messageId) as JobRow;
    },
    get: (id: string): JobRow | undefined => byId.get(id),
    due: (now: string): JobRow[] => due.all(now),
    /** The earliest retry time among waiting jobs ('' = one is due now), or null when none waits. */
    nextDueAt: (): string | null => nextDue.get()?.at ?? null,
    interrupted: (): JobRow[] => interrupted.all(),
    /** Everything a manager may need to act on, newest first. */
    open: (): JobRow[] => open.all(),
    forDocument: (documentId: string): JobRow[] => forDocument.all(documentId),
    /** Committed before the attempt leaves the machine. */
    markSending: (id: string, at: string) => move(id, 'sending', at, { counted: 1 }),
    markSent: (id: string, at: string) => move(id, 'sent', at),
    markRetry: (id: string, error: string, at: string, next: string) => move(id, 'waiting', at, { error, next }),
    markFailed: (id: string, error: string, at: string) => move(id, 'failed', at, { error }),
    markUncertain: (id: string, error: string, at: string) => move(id, 'uncertain', at, { error }),
    /**
     * What the jobs of one kind waited for is there now (a webhook signing secret): those waiting for
     * that reason are due at once, not at their backed-off retry time. Returns how many.
     */
    releaseWaiting: (kind: JobKind, reason: string, at: string): number => release.run({ kind, reason, at }).changes,
    /** A manager's retry of a failed or uncertain job: same job, same Message-ID, tried now. */
    retry(id: string, at: string): boolean {
      const row = byId.get(id);
      if (!row || !['failed', 'uncertain', 'waiting'].includes(row.status)) return false;
      move(id, 'waiting', at, { error: row.lastError });
      return true;
    },
    /** A manager's "it did arrive" for an uncertain job. */
    confirmSent(id: string, at: string): boolean {
      const row = byId.get(id);
      if (row?.status !== 'uncertain') return false;
      move(id, 'sent', at, { error: row.lastError });
      return true;
    },
    cancel(id: string, at: string): boolean {
      const row = byId.get(id);
      if (!row || !['failed', 'uncertain', 'waiting'].includes(row.status)) return false;
      move(id, 'cancelled', at, { error: row.lastError });
      return true;
    },
  };
}

export type JobRepository = ReturnType<typeof createJobRepository>;
