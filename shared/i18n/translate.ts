import { en, type MessageKey } from './en';
import { nl } from './nl';

export type Language = 'nl' | 'en';
export type { MessageKey };

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, nl };

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Looks a message up and fills its {placeholders}. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = CATALOGS[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
