import { ApiError } from '../../../../shared/api/errors';
import type { CounterSettings } from '../../../../shared/api/schemas';
import { type AuditedChange, withoutAudit } from '../../audit/audit-trail';
import type { ProviderRegistry } from '../../payments/provider-registry';
import type { SettingsRepository } from '../../repositories/settings';
import type { HandlerMap } from './handler-map';

export interface CounterHandlerDeps {
  settings: SettingsRepository;
  registry: ProviderRegistry;
  /** The audit trail (ADR 0016): the change and its row in one transaction. */
  audited?: AuditedChange;
}

/** This counter's own settings: its name, station and default terminal. */
export function createCounterHandlers(
  deps: CounterHandlerDeps,
): HandlerMap<'counter.settings' | 'counter.setDefaultTerminal'> {
  const { settings, registry } = deps;

  const counterSettings = (): CounterSettings => ({
    defaultTerminalId: settings.get('counter.defaultTerminal'),
    companyName: settings.get('company.name') ?? 'Kassa',
    stationId: settings.get('counter.stationId') ?? 'C1',
  });

  return {
    async 'counter.settings'() {
      return counterSettings();
    },

    async 'counter.setDefaultTerminal'({ terminalId }) {
      if (!(await registry.terminal(terminalId)))
        throw new ApiError('terminal_unknown', 'unknown terminal', { terminalId });
      (deps.audited ?? withoutAudit)((audit) => {
        const before = settings.get('counter.defaultTerminal');
        settings.set('counter.defaultTerminal', terminalId);
        audit({
          action: 'settings.counter.save',
          subject: { kind: 'setting', id: 'counter.defaultTerminal' },
          before: { defaultTerminal: before },
          after: { defaultTerminal: terminalId },
        });
      });
      return counterSettings();
    },
  };
}
