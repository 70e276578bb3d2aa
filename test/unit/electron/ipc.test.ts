import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL, registerIpc } from '../../../electron/main/ipc';
import { isTrustedIpcEvent, isTrustedSender } from '../../../electron/main/security';
import type { ApiResult } from '../../../shared/api/errors';

type Handler = (event: unknown, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

function setup(trusted: boolean) {
  let handler: Handler | null = null;
  const call = vi.fn(async () => ({ ok: true as const, value: 'from core' }));
  registerIpc(
    {
      handle: (channel: string, fn: Handler) => {
        expect(channel).toBe(INVOKE_CHANNEL);
        handler = fn;
      },
    } as never,
    { isTrustedSender: () => trusted, call },
  );
  return { invoke: (method: unknown, input: unknown) => (handler as unknown as Handler)({}, method, input), call };
}

describe('the IPC channel', () => {
  it('hands a trusted call for a contract method to the core', async () => {
    const { invoke, call } = setup(true);
    expect(await invoke('customers.search', { query: 'x' })).toEqual({ ok: true, value: 'from core' });
    expect(call).toHaveBeenCalledWith('customers.search', { query: 'x' });
  });

  it('refuses an untrusted sender before anything reaches the core', async () => {
    const { invoke, call } = setup(false);
    expect(await invoke('payments.start', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses methods outside the contract', async () => {
    const { invoke, call } = setup(true);
    expect(await invoke('require', 'child_process')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await invoke(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('trusts only our own window showing our own page', () => {
    const policy = { appUrl: 'file:///app/out/renderer/index.html' };
    expect(isTrustedSender(policy, 'file:///app/out/renderer/index.html', true, true)).toBe(true);
    expect(isTrustedSender(policy, 'file:///app/out/renderer/index.html#x', true, true)).toBe(true);
    expect(isTrustedSender(policy, 'https://evil.example/', true, true)).toBe(false);
    expect(isTrustedSender(policy, 'file:///app/out/renderer/index.html', false, true)).toBe(false);
    expect(isTrustedSender(policy, undefined, true, true)).toBe(false);
  });

  it('refuses a frame inside our page, even one showing our own URL (main frame only)', () => {
    const policy = { appUrl: 'app://kassa/index.html' };
    const mainFrame = { url: 'app://kassa/index.html', parent: null };
    const contents = { mainFrame };
    const subFrame = { url: 'app://kassa/index.html', parent: mainFrame };
    expect(isTrustedSender(policy, 'app://kassa/index.html', true, false)).toBe(false);
    expect(isTrustedIpcEvent(policy, { sender: contents, senderFrame: mainFrame }, contents)).toBe(true);
    expect(isTrustedIpcEvent(policy, { sender: contents, senderFrame: subFrame }, contents)).toBe(false);
    // A frame that has gone away (navigated or destroyed) reads as null, or detached while unloading.
    expect(isTrustedIpcEvent(policy, { sender: contents, senderFrame: null }, contents)).toBe(false);
    const unloading = { url: 'app://kassa/index.html', parent: null, detached: true };
    const unloadingContents = { mainFrame: unloading };
    expect(isTrustedIpcEvent(policy, { sender: unloadingContents, senderFrame: unloading }, unloadingContents)).toBe(
      false,
    );
    const attached = { ...unloading, detached: false };
    const attachedContents = { mainFrame: attached };
    expect(isTrustedIpcEvent(policy, { sender: attachedContents, senderFrame: attached }, attachedContents)).toBe(true);
    // Another webContents (the receipt window) with the same URL.
    const other = { mainFrame: { url: 'app://kassa/index.html', parent: null } };
    expect(isTrustedIpcEvent(policy, { sender: other, senderFrame: other.mainFrame }, contents)).toBe(false);
    expect(isTrustedIpcEvent(policy, { sender: contents, senderFrame: mainFrame }, null)).toBe(false);
  });
});
