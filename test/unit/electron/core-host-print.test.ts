import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type CoreProcess, createCoreHost } from '../../../electron/main/core-host';
import type { CoreMessage, MainToCoreMessage } from '../../../shared/host/core-protocol';
import type { HostAnswer } from '../../../shared/host/print-protocol';

class FakeCore extends EventEmitter implements CoreProcess {
  all: MainToCoreMessage[] = [];
  postMessage(message: MainToCoreMessage) {
    this.all.push(message);
  }
  kill() {
    this.emit('exit', 0);
    return true;
  }
  send(message: CoreMessage | Record<string, unknown>) {
    this.emit('message', message);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const print = { kind: 'print', pdfBase64: 'JVBERi0=', printer: 'P', pageSize: 'A4', silent: true, copies: 1 } as const;

describe("the core host relays the core's print requests", () => {
  it('hands a parsed print request to the print service and answers the core by id', async () => {
    const core = new FakeCore();
    const seen: unknown[] = [];
    createCoreHost(
      () => core,
      () => {},
      {
        onHostRequest: async (request) => {
          seen.push(request);
          return { result: 'printed' };
        },
      },
    );
    core.send({ type: 'host-request', id: 7, request: print });
    await settle();
    expect(seen).toEqual([print]);
    expect(core.all).toContainEqual({ type: 'host-answer', id: 7, answer: { result: 'printed' } });
  });

  it('ignores a request that does not parse, and answers a throwing service as failed with the reason', async () => {
    const core = new FakeCore();
    const lines: string[] = [];
    createCoreHost(
      () => core,
      () => {},
      {
        log: (line) => lines.push(line),
        onHostRequest: async (): Promise<HostAnswer> => {
          throw new Error('window crashed');
        },
      },
    );
    core.send({ type: 'host-request', id: 1, request: { kind: 'shell', command: 'x' } });
    core.send({ type: 'host-request', id: 2, request: print });
    await settle();
    expect(core.all).toEqual([{ type: 'host-answer', id: 2, answer: { result: 'failed', reason: 'window crashed' } }]);
    expect(lines.join('\n')).toMatch(/does not parse/);
  });
});
