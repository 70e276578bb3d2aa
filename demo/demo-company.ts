/** The demo shop's letterhead on receipts (settings keys). The engine applies it while the demo is on. */
export const DEMO_LETTERHEAD: Readonly<Record<string, string>> = {
  'company.name': 'Bloemenhandel De Kas B.V.',
  'company.address': 'Legmeerdijk 313 · 1431 GB Aalsmeer',
  'company.vat': 'NL000099998B57',
};
