import type { TerminalDto } from '../../../../shared/api/schemas';
import type { ProviderRegistry } from '../../payments/provider-registry';
import type { Providers } from '../../payments/providers';
import type { PaymentRepository } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';

export interface TerminalHandlerDeps {
  registry: ProviderRegistry;
  payments: PaymentRepository;
  /** Terminals a provider can find on the shop's network (Pay.'s LAN terminals). */
  terminalDiscovery: { discover: Providers['discoverTerminals']; setConnection: Providers['setTerminalConnection'] };
}

/** The devices a payment can be taken on, and how a LAN terminal is reached. */
export function createTerminalHandlers(
  deps: TerminalHandlerDeps,
): HandlerMap<'terminals.list' | 'terminals.discover' | 'terminals.setConnection'> {
  const { registry, payments, terminalDiscovery } = deps;

  async function listTerminals(): Promise<TerminalDto[]> {
    const terminals = await registry.terminals();
    return terminals.map(
      (t): TerminalDto => ({
        id: t.id,
        name: t.name,
        provider: t.provider.id,
        kind: t.kind,
        online: t.online,
        // MobilePay takes one open request per phone number, not one per counter.
        busy: (t.kind === 'terminal' || t.kind === 'softpos') && payments.openOnTerminal(t.id) !== undefined,
        refunds: t.refunds,
        connection: t.connection ?? null,
        // So the counter offers a terminal only for what it can take (PayTrace: dollars, a card on file).
        currencies: t.provider.capabilities.currencies ? [...t.provider.capabilities.currencies] : null,
        ...(t.onFile ? { onFile: t.onFile } : {}),
      }),
    );
  }

  return {
    'terminals.list': () => listTerminals(),

    async 'terminals.discover'() {
      return terminalDiscovery.discover();
    },

    async 'terminals.setConnection'({ terminalId, connection }) {
      terminalDiscovery.setConnection(terminalId, connection);
      return listTerminals();
    },
  };
}
