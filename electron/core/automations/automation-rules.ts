import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';

export const AutomationEvent = z.enum(['approved', 'refunded', 'failed', 'needs_manager']);
export type AutomationEvent = z.infer<typeof AutomationEvent>;
export const AutomationAction = z.enum(['email_customer', 'email_manager', 'print', 'webhook']);
export type AutomationAction = z.infer<typeof AutomationAction>;

/** One "when … then …" rule. `target` is the manager's address or the webhook URL. */
export const AutomationRule = z.object({
  id: z.string(),
  enabled: z.boolean(),
  event: AutomationEvent,
  action: AutomationAction,
  target: z.string().nullable(),
});
export type AutomationRule = z.infer<typeof AutomationRule>;

const Stored = z.object({
  rules: z.array(AutomationRule),
  /** Standard Webhooks signing secret (`whsec_` + base64), sealed; one per station. */
  sealedWebhookSecret: z.string().nullable(),
  /** When a manager created or last rotated it (absent: a secret stored before this was kept). */
  webhookSecretSetAt: z.string().nullable().optional(),
});

/** What the screen may know of the signing secret: whether there is one, and since when. */
export interface WebhookSecretStatus {
  readonly set: boolean;
  readonly setAt: string | null;
}

const KEY = 'automations';

/** The rule list in Settings. Default: no rule, nothing happens on its own. */
export function createAutomationRules(deps: { settings: SettingsRepository; secrets: SecretCipher }) {
  const read = () => {
    const raw = deps.settings.get(KEY);
    return raw ? Stored.parse(JSON.parse(raw)) : { rules: [], sealedWebhookSecret: null };
  };
  const write = (stored: z.infer<typeof Stored>) => deps.settings.set(KEY, JSON.stringify(stored));

  return {
    list: (): AutomationRule[] => read().rules,
    save(rules: Omit<AutomationRule, 'id'>[] | AutomationRule[]): AutomationRule[] {
      const stored = read();
      const next = rules.map((rule) => AutomationRule.parse({ id: 'id' in rule ? rule.id : randomUUID(), ...rule }));
      write({ ...stored, rules: next });
      return next;
    },
    /** The one-click rule: e-mail every approved payment's receipt to the customer. */
    emailEveryReceipt(): AutomationRule[] {
      const rules = read().rules;
      const existing = rules.find((r) => r.event === 'approved' && r.action === 'email_customer');
      if (existing) return this.save(rules.map((r) => (r === existing ? { ...r, enabled: true } : r)));
      return this.save([
        ...rules,
        { id: randomUUID(), enabled: true, event: 'approved', action: 'email_customer', target: null },
      ]);
    },
    /** Whether a signing secret is set and since when; never the secret. */
    webhookSecretStatus(): WebhookSecretStatus {
      const stored = read();
      return { set: stored.sealedWebhookSecret !== null, setAt: stored.webhookSecretSetAt ?? null };
    },
    /**
     * A new signing secret, sealed at rest, replacing the old one. The caller hands the returned
     * value to the manager who asked, once: nothing reads it back out for the screen afterwards.
     */
    rotateWebhookSecret(at: string): string {
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      write({ ...read(), sealedWebhookSecret: deps.secrets.seal(secret), webhookSecretSetAt: at });
      return secret;
    },
    /** For signing outgoing webhooks in the core only; null until a manager creates one. */
    signingSecret(): string | null {
      const sealed = read().sealedWebhookSecret;
      return sealed ? deps.secrets.open(sealed) : null;
    },
  };
}

export type AutomationRules = ReturnType<typeof createAutomationRules>;
