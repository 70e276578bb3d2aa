import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/translate';

describe('plurals follow the language (Intl.PluralRules)', () => {
  it('says "1 event" and "2 events" in English', () => {
    expect(translate('en', 'detail.evidence', { count: 1 })).toBe('Evidence (1 event)');
    expect(translate('en', 'detail.evidence', { count: 2 })).toBe('Evidence (2 events)');
    expect(translate('en', 'detail.evidence', { count: 0 })).toBe('Evidence (0 events)');
  });

  it('says "1 gebeurtenis" and "2 gebeurtenissen" in Dutch', () => {
    expect(translate('nl', 'detail.evidence', { count: 1 })).toBe('Bewijs (1 gebeurtenis)');
    expect(translate('nl', 'detail.evidence', { count: 2 })).toBe('Bewijs (2 gebeurtenissen)');
  });

  it('pluralises each count in a message on its own, also when a count arrives as text', () => {
    expect(
      translate('en', 'error.backoffice_switch_blocked', { openPayments: 1, openRefunds: '2', undelivered: 3 }),
    ).toContain('1 open payment, 2 open refunds');
    expect(translate('en', 'desktop.quit.openPayment.message', { count: 1 })).toBe(
      '1 payment not finished. Quit Kassa anyway?',
    );
    expect(translate('nl', 'desktop.quit.openPayment.message', { count: 3 })).toBe(
      '3 betalingen niet afgerond. Kassa toch afsluiten?',
    );
  });
});
