import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { type CoreProcess, createCoreHost, RESTART_POLICY, restartDelayMs } from '../../../electron/main/core-host';
import type { CoreMessage, CoreRequest, MainToCoreMessage } from '../../../shared/host/core-protocol';

class FakeCore extends EventEmitter implements CoreProcess {
  sent: CoreRequest[] = [];
  all: MainToCoreMessage[] = [];
  postMessage(message: MainToCoreMessage) {
    this.all.push(message);
    if (!('type' in message)) this.sent.push(message);
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

  it('sends the data key as the first message to every core it starts (not through the environment)', () => {
    vi.useFakeTimers();
    const cores: FakeCore[] = [];
    const host = createCoreHost(
      () => {
        const core = new FakeCore();
        cores.push(core);
        return core;
      },
      () => {},
      { init: () => ({ type: 'init', dataKey: 'ab'.repeat(32) }) },
    );
    void host.call('system.status', {});
    expect(cores[0]?.all[0]).toEqual({ type: 'init', dataKey: 'ab'.repeat(32) });
    cores[0]?.emit('exit', 9);
    vi.advanceTimersByTime(1_000);
    expect(cores[1]?.all[0]).toEqual({ type: 'init', dataKey: 'ab'.repeat(32) });
    void host.stop();
    vi.useRealTimers();
  });

  it('restarts a crashing core with growing delays and gives up after the cap', async () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => restartDelayMs(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, null]);
    vi.useFakeTimers();
    const cores: FakeCore[] = [];
    const lines: string[] = [];
    const gaveUp = vi.fn();
    let clock = 0;
    const host = createCoreHost(
      () => {
        const core = new FakeCore();
        cores.push(core);
        return core;
      },
      () => {},
      { log: (l) => lines.push(l), onGaveUp: gaveUp, now: () => clock },
    );
    const answerAfterGivingUp = () => host.call('system.status', {});
    for (let crash = 1; crash <= RESTART_POLICY.maxCrashes; crash++) {
      cores.at(-1)?.emit('exit', 134);
      const delay = restartDelayMs(crash) ?? 0;
      vi.advanceTimersByTime(delay - 1);
      expect(cores).toHaveLength(crash);
      vi.advanceTimersByTime(1);
      expect(cores).toHaveLength(crash + 1);
      clock += delay;
    }
    cores.at(-1)?.emit('exit', 134);
    vi.advanceTimersByTime(RESTART_POLICY.maxDelayMs * 2);
    expect(cores).toHaveLength(RESTART_POLICY.maxCrashes + 1);
    expect(gaveUp).toHaveBeenCalledWith(134);
    expect(lines.at(-1)).toContain('not restarting');
    vi.useRealTimers();
    expect(await answerAfterGivingUp()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('counts crashes afresh once the core had been running for a while', () => {
    vi.useFakeTimers();
    const cores: FakeCore[] = [];
    let clock = 0;
    createCoreHost(
      () => {
        const core = new FakeCore();
        cores.push(core);
        return core;
      },
      () => {},
      { now: () => clock },
    );
    for (let i = 0; i < 10; i++) {
      clock += RESTART_POLICY.stableAfterMs;
      cores.at(-1)?.emit('exit', 1);
      vi.advanceTimersByTime(RESTART_POLICY.firstDelayMs);
    }
    expect(cores).toHaveLength(11);
    vi.useRealTimers();
  });

  it('on quit asks the core to close its database and waits for it before it is gone', async () => {
    const core = new FakeCore();
    const host = createCoreHost(
      () => core,
      () => {},
    );
    let stopped = false;
    const stopping = host.stop().then(() => {
      stopped = true;
    });
    expect(core.all.at(-1)).toEqual({ type: 'shutdown' });
    await Promise.resolve();
    expect(stopped).toBe(false);
    core.reply({ type: 'closed' });
    await stopping;
    expect(stopped).toBe(true);
    expect(await host.call('system.status', {})).toMatchObject({ ok: false });
  });

  it('kills a core that does not close within the timeout', async () => {
    vi.useFakeTimers();
    const core = new FakeCore();
    const kill = vi.spyOn(core, 'kill');
    const host = createCoreHost(
      () => core,
      () => {},
      { stopTimeoutMs: 5_000 },
    );
    const stopping = host.stop();
    vi.advanceTimersByTime(4_999);
    expect(kill).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await stopping;
    expect(kill).toHaveBeenCalled();
    vi.useRealTimers();
  });
});
