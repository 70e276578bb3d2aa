/** Shows a YYYY-MM-DD date the way the cashier's language writes it. */
export function formatDate(iso: string, language: 'nl' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'short' }).format(
    new Date(y, m - 1, d),
  );
}

export function formatTime(isoDateTime: string, language: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short' }).format(
    new Date(isoDateTime),
  );
}
