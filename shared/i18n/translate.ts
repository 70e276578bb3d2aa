import { en, type MessageKey } from './en';
import { nl } from './nl';

export type Language = 'nl' | 'en';
export type { MessageKey };

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, nl };

const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };
const PLURAL_RULES: Record<Language, Intl.PluralRules> = {
  en: new Intl.PluralRules(LOCALES.en),
  nl: new Intl.PluralRules(LOCALES.nl),
};

/**
 * A count in a message, in a small subset of ICU's syntax:
 * `{count, plural, one {# event} other {# events}}`. `#` is the number; `=0 {…}` matches exactly.
 */
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_BRANCH = /(=?\w+)\s*\{([^{}]*)\}/g;

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Looks a message up, picks its plural forms and fills its {placeholders}. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = CATALOGS[language][key];
  const counted = template.replace(PLURAL, (whole, name: string, branches: string) => {
    // Counts may arrive as text (error params crossed the wire): a number is a number.
    const value = params[name];
    const count = typeof value === 'number' ? value : Number(value);
    if (value === undefined || value === '' || !Number.isFinite(count)) return whole;
    const text = pluralBranch(language, count, branches);
    return text === null ? whole : text.replaceAll('#', String(value));
  });
  return counted.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The branch for this number: an exact `=n` first, then the language's plural category, then `other`. */
function pluralBranch(language: Language, count: number, branches: string): string | null {
  const forms = new Map<string, string>();
  for (const [, selector, text] of branches.matchAll(PLURAL_BRANCH)) {
    if (selector !== undefined && text !== undefined) forms.set(selector, text);
  }
  return forms.get(`=${count}`) ?? forms.get(PLURAL_RULES[language].select(count)) ?? forms.get('other') ?? null;
}
