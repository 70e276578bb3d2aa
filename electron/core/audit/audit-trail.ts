import { canonicalJson } from '../../../shared/audit/audit-canonical';
import { maskDigits } from '../../../shared/security/card-numbers';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import { currentActing } from '../people/acting';
import type { OutboxRepository } from '../repositories/outbox';
import { auditChainOf, auditDeliveryKey } from './audit-chain';
import type { AuditAppend, AuditEntry } from './audit-entry';
import { createAuditQuery } from './audit-query';
import { AUDIT_ROW_COLUMNS, type AuditRow, auditHash } from './audit-row';
import { verifyAuditChain } from './audit-verify';
import { redact } from './redact';
import { redactUrls } from './redact-url';

/** The outbox kind that carries one audit row to the back-office (`POST /v1/audit-events`). */
export const AUDIT_OUTBOX_KIND = 'audit_event';
/** All audit rows are one aggregate: they reach the back-office in seq order, one after the other. */
export const AUDIT_OUTBOX_AGGREGATE = 'audit';

/**
 * Runs a change and its audit row in one transaction, for code that holds no database handle
 * (settings services): the change calls `audit` with what it did. See `withoutAudit`.
 */
export type AuditedChange = <T>(change: (audit: AuditAppend) => T) => T;

/** For constructors given no audit trail (tests, code before the merge): the change alone. */
export const withoutAudit: AuditedChange = (change) => change(() => {});

export interface AuditTrailDeps {
  db: Db;
  clock: Clock;
  /** This counter's station id now (`counter.stationId`). */
  station: () => string;
  /** Present: each row is queued for the back-office in the same transaction. */
  outbox?: OutboxRepository;
  /** Something was queued: deliver it soon (called inside the transaction; it only schedules). */
  wakeSync?: () => void;
}

/**
 * The append-only, hash-chained audit trail (ADR 0016). `append` must run inside the transaction of
 * the change it describes: it refuses to run outside one, so a change cannot be committed without
 * its row, nor a row without its change. Who acted comes from `currentActing()`.
 */
export function createAuditTrail(deps: AuditTrailDeps) {
  const { db, clock } = deps;
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insert = db.prepare(
    `INSERT INTO audit_events (seq, at, station, actor_id, actor_name, actor_role, approver_id, approver_name,
       action, subject_kind, subject_id, before_json, after_json, note, prev_hash, hash)
     VALUES (@seq, @at, @station, @actorId, @actorName, @actorRole, @approverId, @approverName,
       @action, @subjectKind, @subjectId, @beforeJson, @afterJson, @note, @prevHash, @hash)`,
  );

  // Read once: the chain id never changes (migration 0230's guards).
  let chainId: string | null = null;
  const chain = (): string => {
    chainId ??= auditChainOf(db)?.chainId ?? null;
    if (!chainId) throw new Error('audit_chain is missing');
    return chainId;
  };

  const append: AuditAppend = (entry: AuditEntry) => {
    if (!db.inTransaction) {
      throw new Error(`audit ${entry.action}: append only inside the transaction of the change it records`);
    }
    const last = head.get();
    if (!last) throw new Error('audit_head is missing');
    const { actor, approvedBy } = currentActing();
    const fields = {
      seq: last.seq + 1,
      at: clock.now().toISOString(),
      station: deps.station(),
      actorId: actor?.userId ?? null,
      actorName: actor?.name ?? null,
      actorRole: actor?.role ?? null,
      approverId: approvedBy?.userId ?? null,
      approverName: approvedBy?.name ?? null,
      action: entry.action,
      subjectKind: entry.subject?.kind ?? null,
      subjectId: entry.subject?.id ?? null,
      beforeJson: entry.before ? canonicalJson(redact(entry.before)) : null,
      afterJson: entry.after ? canonicalJson(redact(entry.after)) : null,
      note: entry.note ? maskDigits(redactUrls(entry.note)) : null,
      prevHash: last.hash,
    };
    const row: AuditRow = { ...fields, hash: auditHash(fields) };
    insert.run(row);
    if (deps.outbox) {
      // The chain id travels beside the row, outside its hash (the canonical form stays v1).
      deps.outbox.enqueue(
        {
          kind: AUDIT_OUTBOX_KIND,
          aggregateId: AUDIT_OUTBOX_AGGREGATE,
          idempotencyKey: auditDeliveryKey(row.station, chain(), row.seq),
          payload: { ...row, chainId: chain() },
        },
        row.at,
      );
      deps.wakeSync?.();
    }
  };

  const audited: AuditedChange = (change) => db.transaction(() => change(append)).immediate();
  const byseq = db.prepare<[number], AuditRow>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE seq = ?`);

  return {
    append,
    audited,
    list: createAuditQuery(db),
    verify: () => verifyAuditChain(db),
    /** This database's chain id (sent with every row; shown by the offline check). */
    chainId: chain,
    get: (seq: number): AuditRow | undefined => byseq.get(seq),
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
