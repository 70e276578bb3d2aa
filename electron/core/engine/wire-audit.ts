import { type AuditedChange, createAuditTrail } from '../audit/audit-trail';
import { settingChange } from '../audit/setting-change';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import type { ProviderSettingsService } from '../payments/provider-settings';
import type { SettingsRepository } from '../repositories/settings';
import type { Repositories } from './open-repositories';

/**
 * The audit trail (ADR 0016) over the counter's database: its rows go to the back-office through
 * the outbox, and the parts that change money or settings get `trail.append` (inside their own
 * transactions) or `trail.audited` (a transaction around the change and its row).
 */
export function wireAudit(deps: { db: Db; repos: Repositories; clock: Clock; wakeSync: () => void }) {
  const { repos } = deps;
  const trail = createAuditTrail({
    db: deps.db,
    clock: deps.clock,
    station: () => repos.settings.get('counter.stationId') ?? 'C1',
    outbox: repos.outbox,
    wakeSync: deps.wakeSync,
  });
  return {
    trail,
    /** Provider settings whose every save is audited (secrets as "changed", by field name). */
    providerSettings: (service: ProviderSettingsService) =>
      auditProviderSettings(service, { settings: repos.settings, audited: trail.audited }),
  };
}

export type AuditWiring = ReturnType<typeof wireAudit>;

function auditProviderSettings(
  service: ProviderSettingsService,
  deps: { settings: SettingsRepository; audited: AuditedChange },
): ProviderSettingsService {
  const stored = (providerId: string): Record<string, unknown> | null => {
    const raw = deps.settings.get(`${providerId}.config`);
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
  };
  return {
    ...service,
    save(input) {
      return deps.audited((audit) => {
        const before = stored(input.providerId);
        const view = service.save(input);
        const secrets =
          view.providers
            .find((p) => p.providerId === input.providerId)
            ?.fields.filter((f) => f.kind === 'secret')
            .map((f) => f.name) ?? [];
        // Secrets are stored sealed (a new seal each time one is typed): compared, never written.
        audit(
          settingChange(
            'settings.provider.save',
            { kind: 'provider', id: input.providerId },
            before,
            stored(input.providerId),
            secrets,
          ),
        );
        return view;
      });
    },
  };
}
