import type { Db } from '../db/open-database';
import type { PayNlConfig } from '../payments/paynl/paynl-config';
import type { PaymentProvider } from '../payments/provider';
import type { VippsConfig } from '../payments/vipps/vipps-config';
import type { SettingsRepository } from '../repositories/settings';
import type { DemoParts, DemoProviderFake } from './demo-parts';

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
  let mobilePay: DemoProviderFake<VippsConfig> | null = null;
  let payNl: DemoProviderFake<PayNlConfig> | null = null;

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
    /** The demo's providers, offering terminals only while the demo is on (their old payments stay resolvable). */
    providers(): PaymentProvider[] {
      return (demo?.providers ?? []).map((provider) => ({
        ...provider,
        listTerminals: async () => (active() ? provider.listTerminals() : []),
      }));
    },
    backoffice: demo?.backoffice ?? null,
    vippsConfig: (): VippsConfig | null => (active() ? (mobilePay?.config ?? null) : null),
    payNlConfig: (): PayNlConfig | null => (active() ? (payNl?.config ?? null) : null),
    syncLetterhead(): void {
      if (active()) applyLetterhead();
      else forgetLetterhead();
    },
    forgetLetterhead,
    /** Demo MobilePay when no real Vipps is set. */
    async startMobilePay(realVipps: boolean): Promise<void> {
      if (demo && active() && !realVipps) mobilePay = await demo.startMobilePay();
    },
    /** The demo Pay. fake calls back like Pay. would, so it needs the provider-call listener. */
    wantsPayNl: (realPayNl: boolean): boolean => demo?.startPayNl != null && active() && !realPayNl,
    async startPayNl(listenerUrl: () => string | null): Promise<void> {
      if (demo?.startPayNl) payNl = await demo.startPayNl(listenerUrl);
    },
    /** The demo was left: its provider fakes go. */
    dropFakes(): void {
      const fakes = [mobilePay, payNl];
      mobilePay = null;
      payNl = null;
      for (const fake of fakes)
        fake?.close().catch((error: unknown) => deps.log('closing a demo provider failed', error));
    },
    async close(): Promise<void> {
      await mobilePay?.close();
      await payNl?.close();
      await demo?.close();
    },
  };
}

export type DemoSwitch = ReturnType<typeof createDemoSwitch>;
