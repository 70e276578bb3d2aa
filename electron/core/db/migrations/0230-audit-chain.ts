import { randomUUID } from 'node:crypto';
import type { Migration } from '../types';

/**
 * The audit chain's identity (ADR 0016): a random id made with the database (or at this upgrade,
 * for a database made before), kept in a one-row table that SQLite refuses to change or empty. Each
 * audit row reaches the back-office with it, so the back-office keys rows by station + chain + seq:
 * a counter reinstalled under a station id that already sent rows starts a new chain at seq 1 beside
 * the old one, while a row changed within one chain still collides with the row it replaces.
 */
export const m0230AuditChain: Migration = {
  version: 230,
  name: 'audit-chain',
  up(db) {
    db.exec(`
      CREATE TABLE audit_chain (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        chain_id TEXT NOT NULL CHECK (length(chain_id) BETWEEN 8 AND 64),
        created_at TEXT NOT NULL
      );
      CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
      BEGIN SELECT RAISE(ABORT, 'audit_chain cannot be changed: the chain keeps its id'); END;
      CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
      BEGIN SELECT RAISE(ABORT, 'audit_chain cannot be deleted'); END;
    `);
    db.prepare('INSERT INTO audit_chain (id, chain_id, created_at) VALUES (1, ?, ?)').run(
      randomUUID(),
      new Date().toISOString(),
    );
  },
};
