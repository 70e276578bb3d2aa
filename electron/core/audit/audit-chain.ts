import type { Db } from '../db/types';

/** The chain's identity, made with the database (migration 0230, ADR 0016). */
export interface AuditChainIdentity {
  readonly chainId: string;
  readonly createdAt: string;
}

/**
 * This database's audit chain id, or null for a file made before chain ids (the offline check can
 * be pointed at an old copy, which it opens read-only and never migrates).
 */
export function auditChainOf(db: Db): AuditChainIdentity | null {
  const table = db
    .prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'audit_chain'")
    .get();
  if (!table?.n) return null;
  return (
    db
      .prepare<[], AuditChainIdentity>(
        'SELECT chain_id AS chainId, created_at AS createdAt FROM audit_chain WHERE id = 1',
      )
      .get() ?? null
  );
}

/** The outbox key of one row: per station, chain and seq, so a new chain never reuses an old key. */
export function auditDeliveryKey(station: string, chainId: string, seq: number): string {
  return `audit:${station}:${chainId}:${seq}`;
}
