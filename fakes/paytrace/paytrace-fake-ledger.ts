import { pacificWall } from '../../shared/time/pacific-time';

/**
 * What the PayTrace fake remembers: customers on file, transactions (card and check), and batches.
 * Outcomes by test amount (the cents): cards .02 decline (102), .03 are approved then voided (103),
 * anything else is approved (101); checks .02 are not processed (125), anything else is (120).
 * See docs/paytrace-wire.md.
 */

export interface FakeCustomer {
  readonly id: string;
  readonly name: string;
  readonly card?: { readonly brand: string; readonly last4: string };
  readonly check?: { readonly last4: string };
}

export type FakeRail = 'card' | 'check';

export interface FakeTransaction {
  readonly id: number;
  readonly rail: FakeRail;
  type: 'SALE' | 'REFUND' | 'VOID';
  readonly amountMinor: number;
  readonly invoiceId: string;
  readonly customerId: string | null;
  readonly description: string;
  readonly responseCode: number;
  readonly statusMessage: string;
  readonly createdAt: Date;
  readonly masked: string | null;
  readonly brand: string | null;
  batch: number | null;
  readonly originalId: number | null;
  refundedMinor: number;
}

export interface FakeBatch {
  readonly number: number;
  readonly settledAt: Date;
}

/** A transaction answer: HTTP 200 when PayTrace says success, 400 otherwise (PayTrace/api-demo). */
export interface Outcome {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export const fail = (errors: Record<string, string[]>): Outcome => ({
  status: 400,
  body: { success: false, response_code: 1, status_message: 'One or more errors has occurred.', errors },
});

export function createFakeLedger(customers: readonly FakeCustomer[], now: () => Date) {
  const byCustomer = new Map(customers.map((c) => [c.id, c]));
  const transactions: FakeTransaction[] = [];
  const batches: FakeBatch[] = [];
  let nextId = 392_483_066;
  let nextBatch = 4_100;

  const idKey = (rail: FakeRail) => (rail === 'check' ? 'check_transaction_id' : 'transaction_id');
  const find = (rail: FakeRail, id: number) => transactions.find((t) => t.rail === rail && t.id === id);

  function sale(
    rail: FakeRail,
    input: { amountMinor: number; customerId: string; invoiceId: string; description: string },
  ): Outcome {
    const customer = byCustomer.get(input.customerId);
    if (!customer) return fail({ '30': [`Customer ID, ${input.customerId}, was not found or is incomplete.`] });
    const onFile = rail === 'card' ? customer.card : customer.check;
    if (!onFile)
      return fail({ '41': [`The customer has no ${rail === 'card' ? 'card' : 'checking account'} on file.`] });
    const cents = input.amountMinor % 100;
    const code = rail === 'check' ? (cents === 2 ? 125 : 120) : cents === 2 ? 102 : cents === 3 ? 103 : 101;
    const message: Record<number, string> = {
      101: 'Your transaction was successfully approved.',
      102: 'Your transaction was not approved.',
      103: 'Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match.',
      120: 'Your check was successfully processed.',
      125: 'Your check was NOT successfully processed.',
    };
    const brand = customer.card && rail === 'card' ? customer.card.brand : null;
    const masked = rail === 'card' ? `xxxxxxxxxxxx${customer.card?.last4}` : `xxxxxx${customer.check?.last4}`;
    const tx: FakeTransaction = {
      id: nextId++,
      rail,
      type: code === 103 ? 'VOID' : 'SALE',
      amountMinor: input.amountMinor,
      invoiceId: input.invoiceId,
      customerId: customer.id,
      description: input.description,
      responseCode: code,
      statusMessage: message[code] ?? '',
      createdAt: now(),
      masked,
      brand,
      batch: null,
      originalId: null,
      refundedMinor: 0,
    };
    transactions.push(tx);
    const approved = code === 101 || code === 120;
    return {
      status: approved ? 200 : 400,
      body: {
        success: approved,
        response_code: code,
        status_message: tx.statusMessage,
        [idKey(rail)]: tx.id,
        ...(rail === 'card'
          ? {
              approval_code: approved ? 'TAS610' : '',
              approval_message: approved ? 'Approved' : 'DECLINE - Do not honor',
              masked_card_number: masked,
            }
          : { ach_code: 0, ach_message: '' }),
        external_transaction_id: '',
      },
    };
  }

  function voidSale(rail: FakeRail, id: number): Outcome {
    const tx = find(rail, id);
    if (!tx || tx.type === 'REFUND') return fail({ '58': ['Please provide a valid Transaction ID.'] });
    if (tx.batch !== null) return fail({ '818': ['The transaction has settled: refund it instead.'] });
    if (tx.type === 'VOID')
      return {
        status: 400,
        body: { success: false, response_code: 110, status_message: 'The transaction was already voided.' },
      };
    tx.type = 'VOID';
    const code = rail === 'card' ? 109 : 124;
    return {
      status: 200,
      body: {
        success: true,
        response_code: code,
        status_message:
          rail === 'card' ? 'Your transaction was successfully voided.' : 'Your check was successfully managed.',
        [idKey(rail)]: id,
      },
    };
  }

  function refund(rail: FakeRail, id: number, amountMinor: number | null, invoiceId: string): Outcome {
    const tx = find(rail, id);
    if (tx?.type !== 'SALE') return fail({ '58': ['Please provide a valid Transaction ID.'] });
    if (tx.batch === null) return fail({ '817': ['The transaction has not settled: void it instead.'] });
    const amount = amountMinor ?? tx.amountMinor - tx.refundedMinor;
    if (amount <= 0 || amount > tx.amountMinor - tx.refundedMinor) {
      return {
        status: 400,
        body: {
          success: false,
          response_code: 107,
          status_message: 'The refund amount exceeds what is left of the transaction.',
        },
      };
    }
    tx.refundedMinor += amount;
    const back: FakeTransaction = {
      ...tx,
      id: nextId++,
      type: 'REFUND',
      amountMinor: amount,
      invoiceId,
      description: `Refund of ${tx.id}`,
      responseCode: rail === 'card' ? 106 : 122,
      statusMessage:
        rail === 'card' ? 'Your transaction successfully refunded.' : 'Your check was successfully refunded.',
      createdAt: now(),
      batch: null,
      originalId: tx.id,
      refundedMinor: 0,
    };
    transactions.push(back);
    return {
      status: 200,
      body: {
        success: true,
        response_code: back.responseCode,
        status_message: back.statusMessage,
        [idKey(rail)]: back.id,
      },
    };
  }

  /** Closes the open batch: every unsettled sale and refund made by `at` (voids never settle). */
  function settleBatch(at: Date = now()): FakeBatch | null {
    const open = transactions.filter(
      (t) =>
        t.batch === null &&
        t.type !== 'VOID' &&
        [101, 106, 120, 122].includes(t.responseCode) &&
        t.createdAt.getTime() <= at.getTime(),
    );
    if (open.length === 0) return null;
    const batch = { number: nextBatch++, settledAt: at };
    for (const t of open) t.batch = batch.number;
    batches.push(batch);
    return batch;
  }

  return { transactions, batches, customers: byCustomer, find, sale, voidSale, refund, settleBatch };
}

export type FakeLedger = ReturnType<typeof createFakeLedger>;

/** The fake's PayTrace clock: Pacific time with daylight saving, by the adapter's own helper. */
export function pacific(at: Date): Date {
  return pacificWall(at);
}

/** MM/DD/YYYY hh:mm:ss as PayTrace prints times, in the fake's Pacific time. */
export function usDateTime(at: Date): string {
  const iso = pacific(at).toISOString();
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

/** A transaction as an export row shows it (docs/paytrace-wire.md, "Export row"). */
export function exportRow(t: FakeTransaction): Record<string, unknown> {
  return {
    [t.rail === 'check' ? 'check_transaction_id' : 'transaction_id']: t.id,
    transaction_type: t.type,
    amount: t.amountMinor / 100,
    invoice_id: t.invoiceId,
    customer_id: t.customerId,
    description: t.description,
    response_code: t.responseCode,
    status_message: t.statusMessage,
    created: { at: usDateTime(t.createdAt), by: 'kassa-api' },
    ...(t.rail === 'card' && t.masked ? { credit_card: { masked_number: t.masked, type: t.brand } } : {}),
    ...(t.rail === 'check' && t.masked ? { check: { masked_account_number: t.masked } } : {}),
    batch_number: t.batch,
    original_transaction_id: t.originalId,
  };
}
