import { z } from 'zod';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';

export const SmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof SmtpSecurity>;

/** What the core sends with; the password is in the clear here only, never stored or shown so. */
export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string;
  replyTo: string | null;
}

const Stored = z.object({
  host: z.string(),
  port: z.number().int(),
  security: SmtpSecurity,
  user: z.string().nullable(),
  /** Sealed with the data key (secrets/secret-cipher.ts), like provider tokens. */
  sealedPassword: z.string().nullable(),
  from: z.string(),
  replyTo: z.string().nullable(),
});

/** What Settings shows: everything but the password, which is only "set" or not. */
export interface SmtpSettingsView {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  passwordSet: boolean;
  from: string;
  replyTo: string | null;
  /** Set from KASSA_SMTP_*: Settings shows it read-only. */
  fromEnvironment: boolean;
}

export interface SmtpSettingsInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  /** null keeps the stored password; '' clears it. */
  password: string | null;
  from: string;
  replyTo: string | null;
}

const KEY = 'smtp.config';
const DEFAULT_PORTS: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/** KASSA_SMTP_HOST/PORT/SECURE/USER/PASSWORD/FROM for scripted installs; null when no host is set. */
export function smtpFromEnvironment(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const host = env.KASSA_SMTP_HOST?.trim();
  if (!host) return null;
  const security = SmtpSecurity.catch('starttls').parse(env.KASSA_SMTP_SECURE?.trim().toLowerCase());
  const port = Number(env.KASSA_SMTP_PORT ?? DEFAULT_PORTS[security]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error('KASSA_SMTP_PORT must be a port number');
  return {
    host,
    port,
    security,
    user: env.KASSA_SMTP_USER || null,
    password: env.KASSA_SMTP_PASSWORD || null,
    from: env.KASSA_SMTP_FROM || `kassa@${host}`,
    replyTo: null,
  };
}

/** The mail server: the environment wins over Settings, as for the payment providers. */
export function createSmtpSettings(deps: {
  settings: SettingsRepository;
  secrets: SecretCipher;
  env: NodeJS.ProcessEnv;
}) {
  const { settings, secrets } = deps;
  const fromEnv = smtpFromEnvironment(deps.env);
  const stored = () => {
    const raw = settings.get(KEY);
    return raw ? Stored.parse(JSON.parse(raw)) : null;
  };

  function config(): SmtpConfig | null {
    if (fromEnv) return fromEnv;
    const s = stored();
    if (!s) return null;
    return { ...s, password: s.sealedPassword ? secrets.open(s.sealedPassword) : null };
  }

  function view(): SmtpSettingsView | null {
    const c = fromEnv ?? stored();
    if (!c) return null;
    const passwordSet = fromEnv ? fromEnv.password !== null : (stored()?.sealedPassword ?? null) !== null;
    return {
      host: c.host,
      port: c.port,
      security: c.security,
      user: c.user,
      passwordSet,
      from: c.from,
      replyTo: c.replyTo,
      fromEnvironment: fromEnv !== null,
    };
  }

  function save(input: SmtpSettingsInput): void {
    if (fromEnv) throw new Error('the mail server is set by KASSA_SMTP_* and cannot be changed here');
    const previous = stored();
    const sealedPassword =
      input.password === null
        ? (previous?.sealedPassword ?? null)
        : input.password
          ? secrets.seal(input.password)
          : null;
    const next: z.infer<typeof Stored> = {
      host: input.host.trim(),
      port: input.port,
      security: input.security,
      user: input.user?.trim() || null,
      sealedPassword,
      from: input.from.trim(),
      replyTo: input.replyTo?.trim() || null,
    };
    settings.set(KEY, JSON.stringify(next));
  }

  return { config, view, save, fromEnvironment: () => fromEnv !== null };
}

export type SmtpSettings = ReturnType<typeof createSmtpSettings>;
