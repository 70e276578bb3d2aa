// Building an Intl formatter costs far more than using one; a table row shows two dates.
const SHORT_DATE = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short' }),
};

/** Shows a YYYY-MM-DD date the way the cashier's language writes it. */
export function formatDate(iso: string, language: 'nl' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return SHORT_DATE[language].format(new Date(y, m - 1, d));
}

export function formatTime(isoDateTime: string, language: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short' }).format(
    new Date(isoDateTime),
  );
}
