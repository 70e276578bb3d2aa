import type { Migration } from '../types';

/** The chain's start, row 1's prev_hash (shared/audit/audit-canonical.ts AUDIT_GENESIS_HASH; frozen here). */
const GENESIS_HASH = '0'.repeat(64);

/**
 * The append-only audit trail (electron/core/audit/audit-trail.ts). SQLite itself refuses to change
 * or remove a row (triggers), and refuses a row that does not extend the chain: its seq must be the
 * head's + 1 and its prev_hash the head's hash. The head (last seq and hash) moves in the insert's own
 * statement (AFTER INSERT trigger), so deleting the newest rows with the guards dropped still leaves a
 * head that points past the end. The hash itself is computed by the core (SQLite has no SHA-256).
 */
export const m0150AuditEvents: Migration = {
  version: 150,
  name: 'audit-events',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        station TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        actor_role TEXT,
        approver_id TEXT,
        approver_name TEXT,
        action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
        subject_kind TEXT,
        subject_id TEXT,
        before_json TEXT,
        after_json TEXT,
        note TEXT,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      );
      CREATE INDEX audit_events_action ON audit_events (action);
      CREATE INDEX audit_events_actor ON audit_events (actor_id);
      CREATE INDEX audit_events_subject ON audit_events (subject_id);
      CREATE INDEX audit_events_at ON audit_events (at);

      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');

      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be changed'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be deleted'); END;
      CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
      WHEN NEW.seq IS NOT (SELECT seq + 1 FROM audit_head WHERE id = 1)
        OR NEW.prev_hash IS NOT (SELECT hash FROM audit_head WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'audit_events: a new row must extend the chain at its head'); END;
      CREATE TRIGGER audit_events_move_head AFTER INSERT ON audit_events
      BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;

      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
      CREATE TRIGGER audit_head_follows_chain BEFORE UPDATE ON audit_head
      WHEN NEW.id IS NOT 1 OR NEW.seq IS NOT OLD.seq + 1
        OR NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
      BEGIN SELECT RAISE(ABORT, 'audit_head only follows the newest audit row'); END;
    `);
  },
};
