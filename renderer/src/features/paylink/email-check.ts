import { EmailPayLinkInput } from '../../../../shared/api/paylink-schemas';

/** The same check the core makes on `paylinks.email`, so the screen refuses before sending. */
export function isEmailAddress(text: string): boolean {
  return EmailPayLinkInput.shape.to.safeParse(text).success;
}

/** The customer's language as the pay-link e-mail speaks it: Dutch for Dutch customers, else English. */
export function mailLanguageOf(language: string | null | undefined, fallback: 'nl' | 'en'): 'nl' | 'en' {
  if (!language) return fallback;
  return language === 'nl' ? 'nl' : 'en';
}
