import type { Db } from '../db/types';

export interface DayRow {
  stationId: string;
  number: number;
  state: 'open' | 'closed';
  periodStart: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  overrideNote: string | null;
  snapshot: string | null;
}

const SELECT = `SELECT station_id AS stationId, number, state, period_start AS periodStart, opened_at AS openedAt,
  opened_by AS openedBy, closed_at AS closedAt, closed_by AS closedBy, override_note AS overrideNote, snapshot
  FROM business_days`;

/** The business_days table: one row per day per station, numbered like the Z reports. */
export function createDayRepository(db: Db) {
  const latest = db.prepare<[string], DayRow>(`${SELECT} WHERE station_id = ? ORDER BY number DESC LIMIT 1`);
  const byNumber = db.prepare<[string, number], DayRow>(`${SELECT} WHERE station_id = ? AND number = ?`);
  const history = db.prepare<[string, number], DayRow>(`${SELECT} WHERE station_id = ? ORDER BY number DESC LIMIT ?`);
  const insert = db.prepare(
    `INSERT INTO business_days (station_id, number, state, period_start, opened_at, opened_by)
     VALUES (@stationId, @number, 'open', @periodStart, @openedAt, @openedBy)`,
  );
  const close = db.prepare(
    `UPDATE business_days SET state = 'closed', closed_at = @closedAt, closed_by = @closedBy,
       override_note = @overrideNote, snapshot = @snapshot
     WHERE station_id = @stationId AND number = @number AND state = 'open'`,
  );
  return {
    latest: (stationId: string): DayRow | undefined => latest.get(stationId),
    get: (stationId: string, number: number): DayRow | undefined => byNumber.get(stationId, number),
    history: (stationId: string, limit: number): DayRow[] => history.all(stationId, limit),
    insert(row: Pick<DayRow, 'stationId' | 'number' | 'periodStart' | 'openedAt' | 'openedBy'>): void {
      insert.run(row);
    },
    close(row: Pick<DayRow, 'stationId' | 'number' | 'closedAt' | 'closedBy' | 'overrideNote'> & { snapshot: string }) {
      if (close.run(row).changes !== 1) throw new Error(`day ${row.number} of ${row.stationId} was not open`);
    },
  };
}

export type DayRepository = ReturnType<typeof createDayRepository>;
