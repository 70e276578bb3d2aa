import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemo } from '../../demo';
import { systemClock } from '../../electron/core/clock';
import { createEngine, type Engine, type EngineConfig } from '../../electron/core/engine';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiErrorBody } from '../../shared/api/errors';
import type { PaymentDto } from '../../shared/api/schemas';
import { signedInEngine, type TestSignIn } from './sign-in';

export function tempDir(prefix = 'kassa-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestEngine {
  engine: Engine;
  dataDir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  refusal(method: string, input: unknown): Promise<ApiErrorBody>;
  waitForPayment(paymentId: string, until: (p: PaymentDto) => boolean, timeoutMs?: number): Promise<PaymentDto>;
  close(): Promise<void>;
}

/** Which demo parts a test engine gets (the hosts build them from the environment instead). */
export interface TestDemoOptions {
  /** Build the demo's parts (`createDemo`) and hand them to the engine. */
  readonly demo?: boolean;
  /** The demo stays on beside a real back-office or provider (`createDemo`'s test-only choice). */
  readonly demoBesideRealForTests?: boolean;
  readonly sandboxPhaseMs?: number;
  readonly demoCustomers?: number;
  readonly demoMobilePayApproveMs?: number;
  readonly demoPayNlSettleMs?: number | null;
  /**
   * Who is signed in at the station before the first call (default: a manager, so every method is
   * allowed as before sign-in existed); false: nobody, for tests of sign-in and roles.
   */
  readonly signIn?: TestSignIn;
}

export type TestEngineConfig = Omit<EngineConfig, 'demo'> & TestDemoOptions;

/** `createEngine` with the demo's parts built from the test's options, as a host would. */
export function createTestEngine(config: TestEngineConfig): Engine {
  const {
    demo,
    demoBesideRealForTests,
    sandboxPhaseMs,
    demoCustomers,
    demoMobilePayApproveMs,
    demoPayNlSettleMs,
    signIn = 'manager',
    ...engine
  } = config;
  const created = createEngine({
    // Tests move their clocks by hours: no idle lock unless the test asks for one.
    idleLockDefaultMinutes: null,
    ...engine,
    demo: demo
      ? createDemo({
          dataDir: config.dataDir,
          customers: demoCustomers,
          sandboxPhaseMs,
          today: () => (config.clock ?? systemClock).now(),
          mobilePayApproveMs: demoMobilePayApproveMs,
          payNlSettleMs: demoPayNlSettleMs,
          staysBesideRealForTests: demoBesideRealForTests,
        })
      : null,
  });
  return signedInEngine(created, signIn);
}

/** A real engine on real SQLite files in a fresh folder, with a fast sandbox terminal. */
export async function startTestEngine(overrides: Partial<TestEngineConfig> = {}): Promise<TestEngine> {
  const dataDir = overrides.dataDir ?? tempDir();
  const engine = createTestEngine({
    dataDir,
    demo: true,
    // Provider and sync tests pay demo customers at a provider fake or into a test back-office;
    // tests of the demo's own switch-off pass false.
    demoBesideRealForTests: true,
    demoCustomers: 40,
    sandboxPhaseMs: 40,
    pollIntervalMs: 15,
    log: () => {},
    ...overrides,
  });
  await engine.start();
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await engine.dispatch(method, input);
    if (!result.ok) throw new Error(`${method} refused: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  return {
    engine,
    dataDir,
    call,
    async refusal(method, input) {
      const result = await engine.dispatch(method, input);
      if (result.ok) throw new Error(`${method} was expected to be refused`);
      return result.error;
    },
    async waitForPayment(paymentId, until, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const payment = await call('payments.get', { paymentId });
        if (until(payment)) return payment;
        if (Date.now() > deadline) throw new Error(`payment stuck in ${payment.status}/${payment.phase}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => engine.close(),
  };
}

export function startInput(
  customerId: string,
  invoiceIds: string[],
  minor: number,
  extra: Partial<MethodInput<'payments.start'>> = {},
): MethodInput<'payments.start'> {
  return {
    requestId: randomUUID(),
    customerId,
    invoiceIds,
    amount: { minor, currency: 'EUR' },
    terminalId: 'sandbox-1',
    ...extra,
  };
}

/** A customer with at least `count` open invoices whose amounts are plain (not sandbox test cents). */
export async function customerWithOpenInvoices(t: TestEngine, count: number, skip = 0) {
  const hits = await t.call('customers.search', { query: 'b' });
  const candidates = hits.filter((h) => h.openInvoiceCount >= count && h.number !== '100001');
  const hit = candidates[skip];
  if (!hit) throw new Error('no suitable demo customer');
  const invoices = await t.call('invoices.open', { customerId: hit.id });
  return { customer: hit, invoices };
}

export const isFinal = (p: PaymentDto) => !['recorded', 'sent', 'pending', 'unknown'].includes(p.status);
