import { ApiError } from '../../../shared/api/errors';
import type { BackofficeSettings } from '../../../shared/api/schemas';
import { checkBackofficeUrl } from '../../../shared/backoffice/url-policy';
import { type AuditedChange, withoutAudit } from '../audit/audit-trail';
import { settingChange } from '../audit/setting-change';
import type { DemoBackoffice } from '../engine/demo-parts';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import { type BackofficeClient, type BackofficeConfig, createBackofficeClient, SyncError } from './backoffice-client';
import { type Books, type BooksOwner, describeOwner, sameOwner } from './books';
import type { SyncEngine } from './sync-engine';

const KEYS = { url: 'backoffice.url', token: 'backoffice.token.sealed', station: 'counter.stationId' } as const;

interface Target {
  readonly source: BackofficeSettings['source'];
  readonly owner: BooksOwner;
  readonly config: BackofficeConfig | null;
}

/**
 * Decides which back-office the counter talks to: the one given by the environment (scripted
 * installs), else the one a manager set in the app (token sealed at rest), else — while the demo
 * is allowed — the embedded demo back-office, else none (the counter works offline-only).
 *
 * The counter's books belong to one back-office (see books.ts): leaving it for another is refused
 * while business with it is unfinished, and otherwise archives the old books and starts clean.
 */
export function createBackofficeConnection(deps: {
  settings: SettingsRepository;
  secrets: SecretCipher;
  sync: SyncEngine;
  books: Books;
  fromEnvironment: BackofficeConfig | null;
  /** The embedded demo back-office, where the host asked for the demo. */
  demo: DemoBackoffice | null;
  /** False as soon as a real provider is configured: then no demo back-office either. */
  demoAllowed: () => boolean;
  log?: (message: string) => void;
  /** After the books changed hands (the old ones archived or empty). */
  onSwitched?: (from: BooksOwner, to: BooksOwner) => void;
  /** The audit trail (ADR 0016): the settings and their row in one transaction. */
  audited?: AuditedChange;
}) {
  const { settings, secrets, sync, books } = deps;
  // The demo back-office while the counter uses it.
  let embedded: BackofficeConfig | null = null;
  let source: BackofficeSettings['source'] = 'none';
  // Every client handed to the sync since the last switch: any of them may still have a call on its way.
  const revokers: (() => void)[] = [];
  const revokeClients = () => {
    for (const revoke of revokers.splice(0)) revoke();
  };
  const stationId = () => settings.get(KEYS.station) ?? 'C1';

  function stored(): BackofficeConfig | null {
    const url = settings.get(KEYS.url);
    const sealed = settings.get(KEYS.token);
    return url && sealed ? { url, stationId: stationId(), token: secrets.open(sealed) } : null;
  }

  /** A real back-office is configured (environment or settings), whether or not it answers. */
  function realConfigured(): boolean {
    return deps.fromEnvironment !== null || (settings.get(KEYS.url) !== null && settings.get(KEYS.token) !== null);
  }

  function target(): Target {
    const env = deps.fromEnvironment;
    const config = env ?? stored();
    if (config) {
      return {
        source: env ? 'environment' : 'settings',
        owner: { kind: 'backoffice', url: config.url, stationId: config.stationId },
        config,
      };
    }
    if (deps.demo && deps.demoAllowed()) return { source: 'demo', owner: { kind: 'demo' }, config: null };
    return { source: 'none', owner: { kind: 'none' }, config: null };
  }

  /** Books written before they were recorded: a back-office stored in Settings made them. */
  function guessPastOwner(): BooksOwner | null {
    const url = settings.get(KEYS.url);
    return url && settings.get(KEYS.token) ? { kind: 'backoffice', url, stationId: stationId() } : null;
  }

  /** Refuses (ApiError) before anything is saved when `next` would leave unfinished business behind. */
  function assertMayMoveTo(next: BooksOwner): void {
    books.assertCanLeave(books.currentOwner(target().owner, guessPastOwner), next);
  }

  /**
   * Connects to the target. The part up to the first await runs at once: an answer still on its
   * way from the old back-office is dropped, and the old books are archived before anything else
   * can touch them.
   */
  async function connect(): Promise<void> {
    const next = target();
    const from = books.currentOwner(next.owner, guessPastOwner);
    if (!sameOwner(from, next.owner)) {
      books.assertCanLeave(from, next.owner);
      revokeClients();
      sync.configure(null, stationId());
      const archived = books.switchTo(from, next.owner);
      if (archived) deps.log?.(`the books of ${describeOwner(from)} were archived to ${archived}`);
      deps.onSwitched?.(from, next.owner);
    }
    source = next.source;
    if (next.config) {
      if (next.source === 'environment') settings.set(KEYS.station, next.config.stationId);
      configureSync(next.config);
      await closeEmbedded();
    } else if (next.source === 'demo') {
      embedded ??= (await deps.demo?.start(stationId())) ?? null;
      if (embedded) configureSync(embedded);
    } else {
      sync.configure(null, stationId());
      await closeEmbedded();
    }
  }

  /** Same books, new client (a new token, a restart): calls still on their way may finish. */
  function configureSync(config: BackofficeConfig): void {
    const revocable = revocableClient(createBackofficeClient(config));
    revokers.push(revocable.revoke);
    sync.configure(revocable.client, config.stationId);
  }

  async function closeEmbedded(): Promise<void> {
    if (!embedded) return;
    embedded = null;
    await deps.demo?.stop();
  }

  function current(): BackofficeSettings {
    const url =
      source === 'environment'
        ? (deps.fromEnvironment?.url ?? null)
        : source === 'demo'
          ? (embedded?.url ?? null)
          : settings.get(KEYS.url);
    return {
      source,
      url,
      stationId: stationId(),
      tokenSet: source !== 'none' && (source !== 'settings' || settings.get(KEYS.token) !== null),
    };
  }

  return {
    connect,
    current,
    realConfigured,
    assertMayMoveTo,
    async configure(input: { url: string; stationId: string; token?: string }): Promise<BackofficeSettings> {
      if (deps.fromEnvironment) {
        throw new ApiError(
          'backoffice_from_environment',
          'the back-office is set by environment variables on this machine',
        );
      }
      if (!input.token && !settings.get(KEYS.token)) {
        throw new ApiError('invalid_request', 'a token is needed', { field: 'token' });
      }
      // The address carries the token and every sale: https, except on this computer's loopback.
      const verdict = checkBackofficeUrl(input.url);
      if (!verdict.ok) throw new ApiError('invalid_request', verdict.message, { field: 'url' });
      assertMayMoveTo({ kind: 'backoffice', url: input.url, stationId: input.stationId });
      (deps.audited ?? withoutAudit)((audit) => {
        const before = { url: settings.get(KEYS.url), stationId: stationId(), token: settings.get(KEYS.token) };
        settings.set(KEYS.url, input.url);
        settings.set(KEYS.station, input.stationId);
        if (input.token) settings.set(KEYS.token, secrets.seal(input.token));
        const after = { url: input.url, stationId: input.stationId, token: settings.get(KEYS.token) };
        audit(
          settingChange('settings.backoffice.save', { kind: 'setting', id: 'backoffice' }, before, after, ['token']),
        );
      });
      await connect();
      return current();
    },
    async close(): Promise<void> {
      revokeClients();
      await closeEmbedded();
    },
  };
}

export type BackofficeConnection = ReturnType<typeof createBackofficeConnection>;

/**
 * The client, with a switch: once revoked, every answer still on its way is dropped as if the line
 * had gone down, so a pull begun against the old back-office cannot write into the new books.
 */
function revocableClient(client: BackofficeClient): { client: BackofficeClient; revoke: () => void } {
  let revoked = false;
  const check = () => {
    if (revoked) throw new SyncError('network', 'the counter switched back-office; this answer was dropped');
  };
  const wrapped = Object.fromEntries(
    Object.entries(client).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        check();
        const answer = await (method as (...a: unknown[]) => Promise<unknown>)(...args);
        check();
        return answer;
      },
    ]),
  ) as BackofficeClient;
  return {
    client: wrapped,
    revoke: () => {
      revoked = true;
    },
  };
}
