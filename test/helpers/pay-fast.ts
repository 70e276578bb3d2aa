import { randomUUID } from 'node:crypto';
import type { Engine } from '../../electron/core/engine';
import type { PaymentDto } from '../../shared/api/schemas';

/** Takes a payment through the real flow (sandbox terminal) and resolves when it is final. */
export async function payAndWait(
  engine: Engine,
  input: { customerId: string; invoiceIds: string[]; minor: number; terminalId?: string },
): Promise<PaymentDto> {
  const final = new Set(['approved', 'declined', 'cancelled', 'expired', 'failed', 'paid_after_cancel']);
  let resolveFinal: (p: PaymentDto) => void = () => {};
  const done = new Promise<PaymentDto>((resolve) => {
    resolveFinal = resolve;
  });
  let paymentId: string | null = null;
  const early: PaymentDto[] = [];
  const unsubscribe = engine.subscribe((event) => {
    if (event.type !== 'payment.updated' || !final.has(event.payment.status)) return;
    if (paymentId === null) early.push(event.payment);
    else if (event.payment.id === paymentId) resolveFinal(event.payment);
  });
  try {
    const result = await engine.dispatch('payments.start', {
      requestId: randomUUID(),
      customerId: input.customerId,
      invoiceIds: input.invoiceIds,
      amount: { minor: input.minor, currency: 'EUR' },
      terminalId: input.terminalId ?? 'sandbox-1',
    });
    if (!result.ok) throw new Error(`payment refused: ${result.error.code} ${result.error.message}`);
    const started = result.value as PaymentDto;
    paymentId = started.id;
    const already = early.find((p) => p.id === started.id);
    if (already) return already;
    if (final.has(started.status)) return started;
    return await done;
  } finally {
    unsubscribe();
  }
}

/** Runs sync cycles until nothing waits (or gives up after `maxCycles`). */
export async function drain(engine: Engine, maxCycles = 20_000, force = true): Promise<number> {
  for (let cycles = 1; cycles <= maxCycles; cycles++) {
    await engine.sync.runCycle(force);
    if (engine.status().sync.waiting === 0) return cycles;
  }
  throw new Error(
    `outbox not drained: ${engine.status().sync.waiting} waiting, last error ${engine.status().sync.lastError}`,
  );
}
