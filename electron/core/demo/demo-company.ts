import type { SettingsRepository } from '../repositories/settings';

/** The demo shop's letterhead on receipts, set once. */
export function applyDemoCompany(settings: SettingsRepository): void {
  if (settings.get('company.name') !== null) return;
  settings.set('company.name', 'Bloemenhandel De Kas B.V.');
  settings.set('company.address', 'Legmeerdijk 313 · 1431 GB Aalsmeer');
  settings.set('company.vat', 'NL000099998B57');
}
