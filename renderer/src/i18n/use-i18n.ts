import { useCallback } from 'react';
import { create } from 'zustand';
import { type Language, type MessageKey, translate } from '../../../shared/i18n/translate';
import { isCurrencyCode } from '../../../shared/money/currency';
import { formatMoney } from '../../../shared/money/format';

const STORAGE_KEY = 'kassa.language';

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'nl' || saved === 'en') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

const useLanguageStore = create<{ language: Language; setLanguage: (language: Language) => void }>((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
}));

export function useLanguage() {
  return useLanguageStore((s) => s.language);
}

export function useSetLanguage() {
  return useLanguageStore((s) => s.setLanguage);
}

export function useT() {
  const language = useLanguage();
  return useCallback(
    (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate(language, key, params),
    [language],
  );
}

export function useMoney() {
  const language = useLanguage();
  return useCallback(
    (minor: number, currency: string) =>
      isCurrencyCode(currency) ? formatMoney(minor, currency, language) : `${currency} ${minor}`,
    [language],
  );
}
