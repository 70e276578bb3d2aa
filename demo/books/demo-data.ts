import type { BoCustomer, BoInvoice } from '../../shared/backoffice/schemas';
import { seededRandom } from '../../shared/random/seeded-random';
import { CITIES, FAMILY_NAMES, SUFFIXES, TRADES } from './names';

/** A customer and an invoice as the back-office holds them, before it numbers its changes. */
export type DemoCustomer = Omit<BoCustomer, 'seq'>;
export type DemoInvoice = Omit<BoInvoice, 'seq' | 'status'>;

export interface DemoData {
  customers: DemoCustomer[];
  invoices: DemoInvoice[];
}

export const LARGE_ACCOUNT_NUMBER = '100001';

/** Every ninth customer German, Danish or English; the rest take the shop's language (Dutch). */
function demoLanguage(n: number): Pick<DemoCustomer, 'language'> {
  const language = ({ 3: 'de', 5: 'da', 7: 'en' } as Record<number, string>)[n % 9];
  return language ? { language } : {};
}

/**
 * The embedded demo back-office's books: Dutch-looking trade customers in EUR, most with a handful
 * of open invoices (some overdue, some partly paid, some already paid), and one large account with
 * 5,000 open invoices. Deterministic for a given seed and day.
 */
export function generateDemoData(options: {
  customers: number;
  today: Date;
  seed?: number;
  largeAccountInvoices?: number;
}): DemoData {
  const rnd = seededRandom(options.seed ?? 20261122);
  const customers: DemoCustomer[] = [];
  const invoices: DemoInvoice[] = [];
  const usedNames = new Set<string>();
  let invoiceSeq = 1;

  const addInvoices = (customer: DemoCustomer, count: number, openShare: number) => {
    for (let i = 0; i < count; i++) {
      const ageDays = rnd.int(1, 120);
      const issue = addDays(options.today, -ageDays);
      const due = addDays(issue, rnd.pick([14, 14, 30, 30, 45]));
      const amountMinor = demoAmount(rnd.int(1_500, 450_000));
      const open = rnd.next() < openShare;
      const partly = open && rnd.next() < 0.12;
      const outstanding = !open
        ? 0
        : partly
          ? demoAmount(Math.max(100, Math.floor(amountMinor * rnd.next())))
          : amountMinor;
      const number = `2026${String(invoiceSeq++).padStart(6, '0')}`;
      invoices.push({
        id: `inv-${number}`,
        number,
        customerId: customer.id,
        issueDate: isoDate(issue),
        dueDate: isoDate(due),
        amountMinor,
        outstandingMinor: Math.min(outstanding, amountMinor),
        currency: 'EUR',
      });
    }
  };

  const large: DemoCustomer = {
    id: 'cust-100001',
    number: LARGE_ACCOUNT_NUMBER,
    name: 'Groothandel Aalsmeer Flowers B.V.',
    city: 'Aalsmeer',
    email: 'crediteuren@aalsmeerflowers.example',
    phone: '+31 297 000 001',
    currency: 'EUR',
  };
  customers.push(large);
  usedNames.add(large.name);
  addInvoices(large, options.largeAccountInvoices ?? 5_000, 1);

  for (let n = 2; customers.length < options.customers; n++) {
    let name = '';
    // A few tries for a fresh combination; large generated sets (benchmarks) run out of them.
    for (let attempt = 0; attempt < 8 && (name === '' || usedNames.has(name)); attempt++) {
      const suffix = rnd.pick(SUFFIXES);
      name = `${rnd.pick(TRADES)} ${rnd.pick(FAMILY_NAMES)}${suffix ? ` ${suffix}` : ''}`;
    }
    if (usedNames.has(name)) name = `${name} ${rnd.pick(CITIES)} ${n}`;
    usedNames.add(name);
    const number = String(100_000 + n);
    const customer: DemoCustomer = {
      id: `cust-${number}`,
      number,
      name,
      city: rnd.pick(CITIES),
      email: rnd.next() < 0.8 ? `administratie@${slug(name)}.example` : null,
      // Some trade customers come over from Finland and pay by MobilePay (same random draws as before).
      phone: rnd.next() < 0.7 ? `${n % 4 === 0 ? '+358 40' : '+31 6'} ${rnd.int(10_000_000, 99_999_999)}` : null,
      currency: 'EUR',
      // Buyers from across Europe get their receipts in their own language (by number: no random draw).
      ...demoLanguage(n),
    };
    customers.push(customer);
    const open = rnd.next() < 0.9 ? rnd.int(1, 30) : 0;
    addInvoices(customer, open + rnd.int(0, 6), open === 0 ? 0 : open / (open + 3));
  }
  return { customers, invoices };
}

/**
 * Demo amounts never end in ,05–,09: those cents are the sandbox terminal's test amounts
 * (decline, cancel, timeout…), and a demo invoice should simply be paid.
 */
function demoAmount(minor: number): number {
  const cents = minor % 100;
  return cents >= 5 && cents <= 9 ? minor - cents + 10 : minor;
}

function addDays(date: Date, days: number): Date {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);
}
