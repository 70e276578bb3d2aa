import { z } from 'zod';
import type { SettingsRepository } from '../../../repositories/settings';
import { type DiscoveredTerminal, discoverTerminals } from './ecr-discovery';

const Modes = z.record(z.string(), z.enum(['cloud', 'lan']));
const Addresses = z.record(z.string(), z.object({ name: z.string(), address: z.string() }));

/**
 * Which Pay. terminals this counter reaches over the LAN, and where they were last found. Kept in
 * the settings so a restart can still ask a LAN terminal's history before anything new starts.
 */
export function createEcrSettings(deps: {
  settings: SettingsRepository;
  discovery: { address?: string; port?: number; timeoutMs?: number };
}) {
  const { settings } = deps;
  const read = <T extends z.ZodType>(key: string, schema: T): z.output<T> =>
    schema.parse(JSON.parse(settings.get(key) ?? '{}'));

  return {
    mode(terminalId: string): 'cloud' | 'lan' {
      return read('paynl.ecr.modes', Modes)[terminalId] ?? 'cloud';
    },
    address(terminalId: string): string | null {
      return read('paynl.ecr.addresses', Addresses)[terminalId]?.address ?? null;
    },
    setMode(terminalId: string, mode: 'cloud' | 'lan'): void {
      settings.set('paynl.ecr.modes', JSON.stringify({ ...read('paynl.ecr.modes', Modes), [terminalId]: mode }));
    },
    async discover(): Promise<DiscoveredTerminal[]> {
      const found = await discoverTerminals(deps.discovery);
      const known = read('paynl.ecr.addresses', Addresses);
      for (const terminal of found) known[terminal.code] = { name: terminal.name, address: terminal.address };
      settings.set('paynl.ecr.addresses', JSON.stringify(known));
      return found;
    },
  };
}

export type EcrSettings = ReturnType<typeof createEcrSettings>;
