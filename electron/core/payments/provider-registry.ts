import type { PaymentProvider, TerminalInfo } from './provider';

export interface RegisteredTerminal extends TerminalInfo {
  readonly provider: PaymentProvider;
}

/** Terminals from every configured provider, by Kassa terminal id. */
export function createProviderRegistry(providers: readonly PaymentProvider[]) {
  const byId = new Map(providers.map((p) => [p.id, p]));

  async function terminals(): Promise<RegisteredTerminal[]> {
    const lists = await Promise.all(
      providers.map(async (provider) => (await provider.listTerminals()).map((t) => ({ ...t, provider }))),
    );
    return lists.flat();
  }

  return {
    terminals,
    async terminal(id: string): Promise<RegisteredTerminal | undefined> {
      return (await terminals()).find((t) => t.id === id);
    },
    provider(id: string): PaymentProvider | undefined {
      return byId.get(id);
    },
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
