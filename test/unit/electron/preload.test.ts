import { describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  invoked: [] as unknown[][],
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (bridge.exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      bridge.invoked.push(args);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => bridge.listeners.set(channel, listener),
    removeListener: (channel: string) => bridge.listeners.delete(channel),
  },
}));

await import('../../../electron/preload/index');

describe('the preload bridge', () => {
  it('exposes only invoke and onEvent on window.kassa', () => {
    expect(Object.keys(bridge.exposed)).toEqual(['kassa']);
    expect(Object.keys(bridge.exposed.kassa as object).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('sends calls over the one invoke channel and delivers events without the IPC event object', async () => {
    const api = bridge.exposed.kassa as {
      invoke: (m: string, i: unknown) => Promise<unknown>;
      onEvent: (l: (e: unknown) => void) => () => void;
    };
    await api.invoke('system.status', {});
    expect(bridge.invoked).toEqual([['kassa:invoke', 'system.status', {}]]);
    const received: unknown[] = [];
    const unsubscribe = api.onEvent((e) => received.push(e));
    bridge.listeners.get('kassa:event')?.({ sender: 'ipc internals' }, { type: 'system.status' });
    expect(received).toEqual([{ type: 'system.status' }]);
    unsubscribe();
    expect(bridge.listeners.has('kassa:event')).toBe(false);
  });
});
