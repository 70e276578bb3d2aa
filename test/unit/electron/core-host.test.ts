import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { CoreMessage, CoreRequest } from '../../../electron/core/hosts/protocol';
import { type CoreProcess, createCoreHost } from '../../../electron/main/core-host';

class FakeCore extends EventEmitter implements CoreProcess {
  sent: CoreRequest[] = [];
  postMessage(message: CoreRequest) {
    this.sent.push(message);
  }
  kill() {
    this.emit('exit', 0);
    return true;
  }
  reply(message: CoreMessage) {
    this.emit('message', message);
  }
}

describe('the core host in the main process', () => {
  it('matches answers to calls and forwards pushed events', async () => {
    const core = new FakeCore();
    const events: unknown[] = [];
    const host = createCoreHost(
      () => core,
      (e) => events.push(e),
    );
    const answer = host.call('system.status', {});
    const request = core.sent[0];
    core.reply({ type: 'event', event: { type: 'invoices.changed', customerId: 'c' } });
    core.reply({ type: 'result', id: request?.id ?? -1, result: { ok: true, value: 'ok' } });
    expect(await answer).toEqual({ ok: true, value: 'ok' });
    expect(events).toEqual([{ type: 'invoices.changed', customerId: 'c' }]);
    host.stop();
  });

  it('tells the screen when the core died mid-call and starts it again', async () => {
    vi.useFakeTimers();
    const cores: FakeCore[] = [];
    const host = createCoreHost(
      () => {
        const core = new FakeCore();
        cores.push(core);
        return core;
      },
      () => {},
    );
    const answer = host.call('payments.start', {});
    cores[0]?.emit('exit', 9);
    expect(await answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    vi.advanceTimersByTime(1_000);
    expect(cores).toHaveLength(2);
    host.stop();
    vi.useRealTimers();
  });
});
