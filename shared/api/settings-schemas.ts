import { z } from 'zod';

/** Provider settings and terminal discovery as the Settings screen sees them (the contract's settings part). */
/** A text in both of Kassa's languages (providers bring their own labels). */
export const LocalText = z.object({ nl: z.string(), en: z.string() });
export type LocalText = z.infer<typeof LocalText>;

/** One field of a provider's settings form, as the provider's module declares it. */
export const FieldDescriptor = z.object({
  name: z.string(),
  kind: z.enum(['text', 'secret', 'boolean', 'url']),
  label: LocalText,
  required: z.boolean(),
  /** Environment variables that may set this field (they then win over Settings). */
  env: z.array(z.string()),
});
export type FieldDescriptor = z.infer<typeof FieldDescriptor>;

/** One provider's settings as Settings shows them: secrets never leave the core, only whether one is set. */
export const ProviderSettingsView = z.object({
  providerId: z.string(),
  title: LocalText,
  source: z.enum(['environment', 'settings', 'demo', 'none']),
  fields: z.array(FieldDescriptor),
  /** Non-secret fields only. */
  values: z.record(z.string(), z.union([z.string(), z.boolean(), z.null()])),
  secretSet: z.record(z.string(), z.boolean()),
  /** The provider finds terminals on the shop network (Settings offers discovery and cloud/LAN). */
  lanTerminals: z.boolean(),
});
export type ProviderSettingsView = z.infer<typeof ProviderSettingsView>;

export const ProviderSettingsList = z.object({
  providers: z.array(ProviderSettingsView),
  /** The optional listener for provider calls (exchange, webhooks). */
  webhooks: z.object({ listening: z.boolean(), publicUrl: z.string().nullable() }),
});
export type ProviderSettingsList = z.infer<typeof ProviderSettingsList>;

/** Checked again in the core against the provider's own schema. An omitted secret keeps the stored one. */
export const SaveProviderSettingsInput = z
  .object({
    providerId: z.string().min(1).max(40),
    values: z.record(z.string().max(60), z.union([z.string().max(500), z.boolean()])),
  })
  .strict();
export type SaveProviderSettingsInput = z.infer<typeof SaveProviderSettingsInput>;

export const DiscoveredTerminalDto = z.object({ code: z.string(), name: z.string(), address: z.string() });
export type DiscoveredTerminalDto = z.infer<typeof DiscoveredTerminalDto>;

export const SetTerminalConnectionInput = z
  .object({ terminalId: z.string().regex(/^TH-\d{4}-\d{4}$/), connection: z.enum(['cloud', 'lan']) })
  .strict();
