import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackofficeServer, startBackofficeServer } from '../../backoffice/server';
import { openBackofficeStore } from '../../backoffice/store';
import { generateDemoData } from '../../demo/books/demo-data';
import { usDemoBooks } from '../../demo/books/us-customers';
import type { Engine } from '../../electron/core/engine';
import type { PaymentProvider, StartRequest } from '../../electron/core/payments/provider';
import { defineProviderModule } from '../../electron/core/payments/provider-module';
import type { CustomerCard, PaymentDto } from '../../shared/api/schemas';
import { translate } from '../../shared/i18n/translate';
import { ADMIN_TOKEN, counterEngine, STATIONS } from '../helpers/backoffice';
import { pdfText } from '../helpers/pdf-text';
import { tempDir } from '../helpers/test-engine';

/**
 * A customer's PayTrace id travels from the back-office to the provider: pulled into the counter's
 * store, shown on the customer card, handed to the provider in `StartRequest.customer`. The provider
 * here is a tiny one of this test's own (a card on file, dollars only), standing in for PayTrace.
 */
const started: StartRequest[] = [];
const onFileModule = defineProviderModule<null>({
  id: 'onfile',
  create() {
    const provider: PaymentProvider = {
      id: 'onfile',
      capabilities: {
        lookupByReference: true,
        cancel: 'none',
        pushesEvents: false,
        idempotentStart: false,
        pollIntervalMs: 5,
        firstPollDelayMs: 5,
        lateApprovalWatchMs: 0,
        refunds: ['online'],
        idempotentRefunds: false,
        currencies: ['USD'],
        voids: false,
      },
      listTerminals: async () => [
        { id: 'onfile-card', name: 'Card on file', kind: 'on_file', online: true, refunds: false },
      ],
      start: async (request) => {
        started.push(request);
        return { providerRef: `OF-${started.length}` };
      },
      status: async () => ({ kind: 'approved', card: { brand: 'Visa', last4: '1111' }, raw: '101' }),
      cancel: async () => 'too_late',
    };
    return { provider };
  },
});

let server: BackofficeServer | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  await server?.close();
  server?.store.close();
  engine = null;
  server = null;
  started.length = 0;
});

/** The reference back-office with a few Dutch customers in euros and the US ones in dollars. */
async function backofficeWithUsCustomers(): Promise<BackofficeServer> {
  const store = openBackofficeStore(join(tempDir('kassa-bo-'), 'backoffice.sqlite'));
  const dutch = generateDemoData({ customers: 3, today: new Date(), largeAccountInvoices: 2 });
  const us = usDemoBooks(new Date());
  store.seed([...dutch.customers, ...us.customers], [...dutch.invoices, ...us.invoices]);
  return startBackofficeServer({ store, stations: STATIONS, adminToken: ADMIN_TOKEN });
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (engine as Engine).dispatch(method as never, input as never);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function waitForStatus(paymentId: string, status: string): Promise<PaymentDto> {
  for (let i = 0; i < 400; i++) {
    const payment = await call<PaymentDto>('payments.get', { paymentId });
    if (payment.status === status) return payment;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`payment ${paymentId} never became ${status}`);
}

describe('the customer’s card on file, from the back-office to the provider', () => {
  it('pulls the PayTrace id and what is on file, shows them on the card, and hands the id to the provider', async () => {
    server = await backofficeWithUsCustomers();
    engine = counterEngine(server, 'C1', { demo: false, providerModules: [onFileModule] });
    await engine.start();
    await engine.sync.runCycle();

    const card = await call<CustomerCard>('customers.card', { customerId: 'cust-us-1001' });
    expect(card).toMatchObject({
      name: 'Evergreen Growers LLC',
      currency: 'USD',
      providerCustomerIds: { paytrace: 'KASSA-US-1001' },
      onFile: [{ provider: 'paytrace', kind: 'card', brand: 'Visa', last4: '1111' }],
    });
    // A customer the back-office keeps nothing for has nothing on file.
    expect(await call<CustomerCard>('customers.card', { customerId: 'cust-100001' })).toMatchObject({
      providerCustomerIds: {},
      onFile: [],
    });

    const invoices = await call<{ id: string; outstandingMinor: number; currency: string }[]>('invoices.open', {
      customerId: 'cust-us-1001',
    });
    const first = invoices[0];
    if (!first) throw new Error('no open invoice');
    expect(first.currency).toBe('USD');
    const payment = await call<PaymentDto>('payments.start', {
      requestId: randomUUID(),
      customerId: 'cust-us-1001',
      invoiceIds: [first.id],
      amount: { minor: first.outstandingMinor, currency: 'USD' },
      terminalId: 'onfile-card',
    });
    const approved = await waitForStatus(payment.id, 'approved');
    expect(approved).toMatchObject({ method: 'on_file', cardBrand: 'Visa', cardLast4: '1111' });
    expect(started).toHaveLength(1);
    expect(started[0]?.amount).toEqual({ minor: first.outstandingMinor, currency: 'USD' });
    // The receipt writes dollars as dollars, in Dutch as in English ($1,234.50, never "US$ 1.234,50").
    expect(first.outstandingMinor).toBe(1_234_50);
    const shown = '$1,234.50';
    for (const locale of ['nl', 'en'] as const) {
      const receipt = pdfText(
        (await call<{ base64: string }>('receipts.pdf', { paymentId: payment.id, locale })).base64,
      );
      expect(receipt).toContain(shown);
      expect(receipt).not.toMatch(/US\$|€/);
    }
    expect(started[0]?.customer).toEqual({
      id: 'cust-us-1001',
      name: 'Evergreen Growers LLC',
      email: 'payables@evergreengrowers.example',
      language: 'en',
      providerCustomerIds: { paytrace: 'KASSA-US-1001' },
    });
  }, 30_000);

  it('a later change on the back-office (card removed) reaches the counter with the next pull', async () => {
    server = await backofficeWithUsCustomers();
    engine = counterEngine(server, 'C1', { demo: false, providerModules: [onFileModule] });
    await engine.start();
    await engine.sync.runCycle();
    server.store.setCustomerProviders('cust-us-1002', {
      providerCustomerIds: { paytrace: 'KASSA-US-1002' },
      onFile: [{ provider: 'paytrace', kind: 'bank', brand: 'Checking' }],
    });
    await engine.sync.runCycle(true);
    expect(await call<CustomerCard>('customers.card', { customerId: 'cust-us-1002' })).toMatchObject({
      onFile: [{ provider: 'paytrace', kind: 'bank', brand: 'Checking' }],
    });
  }, 30_000);

  it('keeps a customer’s totals per currency: an invoice in euros is never added to the dollars', async () => {
    const store = openBackofficeStore(join(tempDir('kassa-bo-'), 'backoffice.sqlite'));
    const us = usDemoBooks(new Date());
    const euroInvoice = { ...(us.invoices[0] as (typeof us.invoices)[number]), id: 'inv-eu-1', number: 'EU-1' };
    store.seed(us.customers, [
      ...us.invoices,
      { ...euroInvoice, amountMinor: 99_00, outstandingMinor: 99_00, currency: 'EUR' },
    ]);
    server = await startBackofficeServer({ store, stations: STATIONS, adminToken: ADMIN_TOKEN });
    engine = counterEngine(server, 'C1', { demo: false, providerModules: [onFileModule] });
    await engine.start();
    await engine.sync.runCycle();
    const card = await call<CustomerCard>('customers.card', { customerId: 'cust-us-1001' });
    expect(card).toMatchObject({
      currency: 'USD',
      openInvoiceCount: 3,
      outstandingMinor: 1_234_50 + 860_00 + 2_415_20,
      otherCurrencyTotals: [{ currency: 'EUR', openInvoiceCount: 1, outstandingMinor: 99_00 }],
    });
    // The search list says the same: the dollars owed, not dollars and euros added up.
    const [hit] = await call<{ outstandingMinor: number; currency: string }[]>('customers.search', {
      query: 'Evergreen',
    });
    expect(hit).toMatchObject({ currency: 'USD', outstandingMinor: 1_234_50 + 860_00 + 2_415_20 });
  }, 30_000);

  it('refuses euros on a dollars-only provider, and says so in words', async () => {
    server = await backofficeWithUsCustomers();
    engine = counterEngine(server, 'C1', { demo: false, providerModules: [onFileModule] });
    await engine.start();
    await engine.sync.runCycle();
    const invoices = await call<{ id: string; outstandingMinor: number }[]>('invoices.open', {
      customerId: 'cust-100001',
    });
    const result = await engine.dispatch('payments.start', {
      requestId: randomUUID(),
      customerId: 'cust-100001',
      invoiceIds: [invoices[0]?.id ?? ''],
      amount: { minor: invoices[0]?.outstandingMinor ?? 0, currency: 'EUR' },
      terminalId: 'onfile-card',
    });
    if (result.ok) throw new Error('euros were charged on a dollars-only provider');
    expect(result.error.code).toBe('currency_not_supported_by_provider');
    const params = result.error.params as Record<string, string>;
    expect(translate('en', 'error.currency_not_supported_by_provider', params)).toBe(
      'EUR cannot be paid this way; possible: USD.',
    );
    expect(translate('nl', 'error.currency_not_supported_by_provider', params)).toBe(
      'EUR kan zo niet betaald worden; mogelijk: USD.',
    );
    expect(started).toHaveLength(0);
  }, 30_000);
});
