import { expect } from 'vitest';
import { type EcrTerminalFake, startEcrTerminalFake } from '../../fakes/paynl/ecr-terminal-fake';
import { type Cleanups, startPayNlCounter } from './provider-harness';

export const LAN_TERMINAL = 'TH-1000-0001';

/** A counter with the Pay. cloud fake and one PAY.POS terminal on the (loopback) LAN, set to LAN. */
export async function startLanCounter(
  cleanups: Cleanups,
  options: { exchangeMode?: 'signed' | 'off'; pollMs?: number } = {},
) {
  let terminal: EcrTerminalFake | null = null;
  const harness = await startPayNlCounter({
    cleanups,
    exchangeMode: options.exchangeMode ?? 'off',
    ...(options.pollMs ? { engine: { providerPollMs: { paynl: options.pollMs } } } : {}),
    before: async (pay) => {
      terminal = await startEcrTerminalFake({ code: LAN_TERMINAL, name: 'Toonbank 1', pay });
      return { ecr: { discoveryAddress: '127.0.0.1', discoveryPort: terminal.udpPort, tcpPort: terminal.tcpPort } };
    },
  });
  const ecr = terminal as EcrTerminalFake | null;
  if (!ecr) throw new Error('no terminal');
  cleanups.push(ecr.close);
  const found = await harness.counter.call('terminals.discover', {});
  expect(found).toEqual([{ code: LAN_TERMINAL, name: 'Toonbank 1', address: '127.0.0.1' }]);
  const terminals = await harness.counter.call('terminals.setConnection', {
    terminalId: LAN_TERMINAL,
    connection: 'lan',
  });
  expect(terminals.find((t) => t.id === LAN_TERMINAL)?.connection).toBe('lan');
  return { ...harness, ecr };
}

export type LanCounter = Awaited<ReturnType<typeof startLanCounter>>;
