import type { Db } from '../db/open-database';
import type { SettingsRepository } from '../repositories/settings';

const DEMO_COMPANY = {
  'company.name': 'Bloemenhandel De Kas B.V.',
  'company.address': 'Legmeerdijk 313 · 1431 GB Aalsmeer',
  'company.vat': 'NL000099998B57',
} as const;

/** The demo shop's letterhead on receipts, set once. */
export function applyDemoCompany(settings: SettingsRepository): void {
  if (settings.get('company.name') !== null) return;
  for (const [key, value] of Object.entries(DEMO_COMPANY)) settings.set(key, value);
}

/** Live: a real customer's receipt must not carry the demo shop's name and VAT number. */
export function forgetDemoCompany(db: Db): void {
  const forget = db.prepare<[string, string]>('DELETE FROM settings WHERE key = ? AND value = ?');
  for (const [key, value] of Object.entries(DEMO_COMPANY)) forget.run(key, value);
}
