import type { PaymentProvider, TerminalInfo } from './provider';

export interface RegisteredTerminal extends TerminalInfo {
  readonly provider: PaymentProvider;
}

/**
 * Terminals from every configured provider, by Kassa terminal id. `configured`: whether a provider
 * has its credentials now; one without them counts as absent (its payments cannot be asked about).
 */
export function createProviderRegistry(
  providers: readonly PaymentProvider[],
  options: { configured?: (providerId: string) => boolean } = {},
) {
  const byId = new Map(providers.map((p) => [p.id, p]));
  // Names as last listed, so a payment shows "Toonbank 1" rather than TH-1000-0001 even offline.
  const names = new Map<string, string>();

  async function terminals(): Promise<RegisteredTerminal[]> {
    const lists = await Promise.all(
      providers.map(async (provider) => (await provider.listTerminals()).map((t) => ({ ...t, provider }))),
    );
    const all = lists.flat();
    for (const terminal of all) names.set(terminal.id, terminal.name);
    return all;
  }

  return {
    terminals,
    async terminal(id: string): Promise<RegisteredTerminal | undefined> {
      return (await terminals()).find((t) => t.id === id);
    },
    nameOf(terminalId: string): string | undefined {
      return names.get(terminalId);
    },
    provider(id: string): PaymentProvider | undefined {
      if (options.configured && !options.configured(id)) return undefined;
      return byId.get(id);
    },
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
