import type { Db } from '../db/open-database';
import type { SettingsRepository } from '../repositories/settings';
import type { DemoParts, DemoProviderFake, DemoProviderFakeStarter } from './demo-parts';

/** The demo letterhead as applied, so it can be taken off receipts later even without the demo's parts. */
const LETTERHEAD_APPLIED = 'demo.letterhead';

/**
 * Decides when the demo is on: only where the host gave its parts, and only while nothing real is
 * configured (no back-office, no Pay., no Vipps). Owns the demo's provider fakes and letterhead.
 */
export function createDemoSwitch(deps: {
  demo: DemoParts | null;
  db: Db;
  settings: SettingsRepository;
  log: (message: string, error?: unknown) => void;
}) {
  const { demo, db, settings } = deps;
  // Set once the back-office connection and provider settings exist; until then nothing real is known.
  let realConfigured: () => boolean = () => false;
  // The provider fakes running, by provider id.
  const fakes = new Map<string, DemoProviderFake>();

  const active = (): boolean => {
    if (!demo) return false;
    if (demo.staysBesideReal) return true;
    return !realConfigured();
  };

  function applyLetterhead(): void {
    if (!demo) return;
    if (settings.get('company.name') === null) {
      for (const [key, value] of Object.entries(demo.letterhead)) settings.set(key, value);
    }
    if (settings.get('company.name') === demo.letterhead['company.name']) {
      settings.set(LETTERHEAD_APPLIED, JSON.stringify(demo.letterhead));
    }
  }

  /** Live: a real customer's receipt must not carry the demo shop's name and VAT number. */
  function forgetLetterhead(): void {
    const recorded = settings.get(LETTERHEAD_APPLIED);
    const letterhead: Record<string, string> = recorded
      ? (JSON.parse(recorded) as Record<string, string>)
      : { ...(demo?.letterhead ?? {}) };
    const forget = db.prepare<[string, string]>('DELETE FROM settings WHERE key = ? AND value = ?');
    db.transaction(() => {
      for (const [key, value] of Object.entries(letterhead)) forget.run(key, value);
      db.prepare('DELETE FROM settings WHERE key = ?').run(LETTERHEAD_APPLIED);
    })();
  }

  return {
    active,
    /** Tests only: the demo's parts asked to stay on beside real ones. */
    staysBesideReal: demo?.staysBesideReal === true,
    /** Given once the engine can tell whether a real back-office or provider is configured. */
    watchReal(configured: () => boolean): void {
      realConfigured = configured;
    },
    /** What the sandbox provider module needs; null outside the demo. */
    sandbox: demo ? { sandboxTerminal: demo.sandboxTerminal, active } : null,
    backoffice: demo?.backoffice ?? null,
    /** A provider's demo config (its fake's) while the demo is on; else null. */
    providerConfig: (providerId: string): unknown => (active() ? (fakes.get(providerId)?.config ?? null) : null),
    syncLetterhead(): void {
      if (active()) applyLetterhead();
      else forgetLetterhead();
    },
    forgetLetterhead,
    /** The fakes to start now: the demo is on and their provider has no real config. */
    fakesToStart(realConfig: (providerId: string) => boolean): DemoProviderFakeStarter[] {
      if (!demo || !active()) return [];
      return demo.providerFakes.filter((fake) => !realConfig(fake.providerId));
    },
    async startFake(fake: DemoProviderFakeStarter, listenerUrl: () => string | null): Promise<void> {
      fakes.set(fake.providerId, await fake.start(listenerUrl));
    },
    /** The demo was left: its provider fakes go. */
    dropFakes(): void {
      const running = [...fakes.values()];
      fakes.clear();
      for (const fake of running)
        fake.close().catch((error: unknown) => deps.log('closing a demo provider failed', error));
    },
    async close(): Promise<void> {
      for (const fake of fakes.values()) await fake.close();
      fakes.clear();
      await demo?.close();
    },
  };
}

export type DemoSwitch = ReturnType<typeof createDemoSwitch>;
