import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startHttpServer } from '../electron/core/server/http-server';
import { startPayNlFake } from '../fakes/paynl/paynl-fake';
import { createTestEngine } from '../test/helpers/test-engine';
import type { Report } from './results';
import { percentile } from './stats';

const PUBLIC_URL = 'https://kassa.bench.example/hooks';
const TERMINAL = 'TH-1000-0001';

/**
 * A signed Pay. exchange call on the counter's webhook listener → the payment's final state on the
 * browser-mode event stream (what the screen listens to), on loopback. The Pay. fake holds each
 * exchange until the clock starts; the poll is a minute, so only the exchange can tell the counter.
 */
export async function benchEventToScreen(dir: string, report: Report, rounds = 30): Promise<void> {
  let port: number | null = null;
  const fake = await startPayNlFake({
    exchangeMode: 'hold',
    deliverExchange: (url: string) => url.replace(PUBLIC_URL, `http://127.0.0.1:${port}`),
    locationExchangeUrl: `${PUBLIC_URL}/paynl/exchange`,
  });
  const engine = createTestEngine({
    dataDir: join(dir, 'counter'),
    demo: true,
    demoBesideRealForTests: true,
    demoCustomers: 40,
    env: {
      KASSA_PAYNL_CONNECT_URL: fake.url,
      KASSA_PAYNL_REST_URL: fake.url,
      KASSA_PAYNL_TOKEN_CODE: fake.credentials.tokenCode,
      KASSA_PAYNL_API_TOKEN: fake.credentials.apiToken,
      KASSA_PAYNL_SERVICE_ID: fake.credentials.serviceId,
      KASSA_PAYNL_SERVICE_SECRET: fake.credentials.serviceSecret,
      KASSA_PAYNL_TEST_MODE: '1',
    },
    webhooks: { port: 0, publicUrl: PUBLIC_URL },
    providerPollMs: { paynl: 60_000 },
    autoSync: false,
    log: () => {},
  });
  await engine.start();
  port = engine.webhookPort();
  const token = 'bench-token';
  const server = await startHttpServer({ engine, token, staticDir: dir, port: 0 });

  // The screen's side: the event stream, watched for a payment reaching a final state.
  const seen = new Map<string, number>();
  const abort = new AbortController();
  const stream = await fetch(`${server.url.replace(/\/+$/, '')}/api/events?token=${token}`, { signal: abort.signal });
  const reader = stream.body?.getReader();
  if (!reader) throw new Error('no event stream');
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6)) as { type: string; payment?: { id: string; status: string } };
        if (event.type === 'payment.updated' && event.payment?.status === 'approved') {
          seen.set(event.payment.id, performance.now());
        }
      }
    }
  })();

  // Open invoices of a few small customers, one payment each.
  const invoices: { customerId: string; id: string; outstandingMinor: number }[] = [];
  for (let n = 100_002; n <= 100_008; n++) {
    const customerId = `cust-${n}`;
    const open = await engine.dispatch('invoices.open', { customerId });
    if (open.ok)
      for (const inv of open.value as { id: string; outstandingMinor: number }[]) invoices.push({ ...inv, customerId });
  }
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const invoice = invoices[i];
    if (!invoice) break;
    const started = await engine.dispatch('payments.start', {
      requestId: randomUUID(),
      customerId: invoice.customerId,
      invoiceIds: [invoice.id],
      amount: { minor: invoice.outstandingMinor, currency: 'EUR' },
      terminalId: TERMINAL,
    });
    if (!started.ok) throw new Error(`payment refused: ${started.error.code}`);
    const payment = started.value as { id: string; providerRef: string | null };
    fake.pay(payment.providerRef ?? '');
    const start = performance.now();
    await fake.release();
    while (!seen.has(payment.id) && performance.now() - start < 10_000) await new Promise((r) => setImmediate(r));
    const at = seen.get(payment.id);
    if (at === undefined) {
      const now = await engine.dispatch('payments.get', { paymentId: payment.id });
      throw new Error(`the approval never reached the event stream: ${JSON.stringify(now).slice(0, 200)}`);
    }
    samples.push(at - start);
  }
  const p99 = percentile(samples, 99);
  report('event_to_screen', {
    label: `signed Pay. exchange on the listener → approval on the event stream, p99 (${samples.length}x, loopback)`,
    value: p99,
    unit: 'ms',
    goal: 'p99 < 50 ms',
    met: p99 < 50,
    detail: { p50_ms: percentile(samples, 50) },
  });
  abort.abort();
  await server.close();
  await engine.close();
  await fake.close();
}
