import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../electron/core/db/open-database';
import {
  type CustomerRepository,
  createCustomerRepository,
  searchKey,
} from '../../electron/core/repositories/customers';
import { tempDir } from '../helpers/test-engine';

/** The indexed search (FTS5 trigrams, number ranges) finds exactly what a plain scan finds, capped at 25. */
let db: Db;
let customers: CustomerRepository;
const NAMES = ['Kwekerij', 'Bloemen', 'De Vries', 'Müller', 'Van der Berg', 'Groen "Blad"', 'Aalsmeer', 'Zonnebloem'];
const CITIES = ['Aalsmeer', 'Lisse', 'Naaldwijk', 'Rijnsburg'];

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  customers = createCustomerRepository(db);
  db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      customers.upsert({
        id: `c-${i}`,
        number: String(100_000 + i * 7),
        name: `${NAMES[i % NAMES.length]} ${i % 3 === 0 ? 'B.V.' : 'Handel'} ${i}`,
        city: CITIES[i % CITIES.length] ?? 'Lisse',
        email: null,
        phone: null,
        currency: 'EUR',
      });
    }
  })();
});
afterEach(() => db.close());

/** Every customer the query matches, by brute force: the number starts with it or the name contains it. */
function matching(query: string): { id: string; number: string; name: string; s: string }[] {
  const q = query.trim();
  const key = searchKey(q);
  const rows = db.prepare('SELECT id, number, name, search_name AS s FROM customers').all() as {
    id: string;
    number: string;
    name: string;
    s: string;
  }[];
  return rows.filter((r) => key !== '' && (r.number.startsWith(q) || r.s.includes(key)));
}

/** The order the counter shows: exact number, then starts-with, then contains; by name within each. */
function ordered(query: string, rows: { id: string; number: string; name: string; s: string }[]): string[] {
  const q = query.trim();
  const key = searchKey(q);
  const rank = (r: { number: string; s: string }) =>
    r.number === q ? 0 : r.number.startsWith(q) || r.s.startsWith(key) ? 1 : 2;
  return [...rows]
    .sort((a, b) => rank(a) - rank(b) || Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
    .map((r) => r.id);
}

describe('customer search through its indexes', () => {
  it.each([
    'kwek',
    'KWEKERIJ',
    'muller',
    'müller',
    'van der',
    'ee',
    'z',
    'b.v',
    '"blad"',
    '1000',
    '100007',
    '1',
    'aalsmeer',
    'handel 5',
    'zzz',
    '%',
    '_',
  ])('finds what a full scan finds for %j (all of it up to 25, else 25 of it)', (query) => {
    const all = matching(query);
    const hits = customers.search(query).map((hit) => hit.id);
    if (all.length <= 25) {
      expect(hits).toEqual(ordered(query, all));
      return;
    }
    expect(hits).toHaveLength(25);
    const byId = new Map(all.map((row) => [row.id, row]));
    const shown = hits.map((id) => byId.get(id));
    expect(shown.every((row) => row !== undefined)).toBe(true);
    expect(hits).toEqual(ordered(query, shown as NonNullable<(typeof shown)[number]>[]));
    // Those that start with the query come first: all of them when there are fewer than 25.
    const starts = (id: string) => {
      const row = byId.get(id);
      return row !== undefined && (row.number.startsWith(query.trim()) || row.s.startsWith(searchKey(query)));
    };
    const starting = all.filter((row) => starts(row.id)).map((row) => row.id);
    if (starting.length < 25) expect(hits.slice(0, starting.length).sort()).toEqual([...starting].sort());
    else expect(hits.every(starts)).toBe(true);
  });

  it('caps the list at 25', () => {
    expect(customers.search('handel')).toHaveLength(25);
  });

  it('keeps the name index in step when a pull renames a customer', () => {
    customers.upsert({
      id: 'c-1',
      number: '100007',
      name: 'Orchidee Paleis',
      city: 'Lisse',
      email: null,
      phone: null,
      currency: 'EUR',
    });
    expect(customers.search('orchidee').map((hit) => hit.id)).toEqual(['c-1']);
    expect(customers.search('Bloemen Handel 1 ').map((hit) => hit.id)).not.toContain('c-1');
  });
});
