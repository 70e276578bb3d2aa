import type { DayReport, ProviderDayAnswer, ProviderFigure } from '../api/day-schemas';

type Translate = (key: ProviderCheckKey, params?: Record<string, string | number>) => string;
type Money = (minor: number, currency: string) => string;

/** The messages these lines use (shared/i18n/areas/day.ts). */
export type ProviderCheckKey =
  | 'day.notOffered'
  | 'day.notAsked'
  | 'day.noAnswer'
  | 'day.notAvailable'
  | 'day.expectsReports'
  | 'day.difference'
  | 'day.scope.station'
  | 'day.scope.account'
  | 'day.measure.sales'
  | 'day.measure.net'
  | 'day.providerLine';

/** One line of the "provider reports" part of a report: what it is about, and what was said. */
export interface ProviderCheckLine {
  readonly head: string;
  readonly text: string;
  /** The provider's figure differs from Kassa's: printed and shown highlighted. */
  readonly differs: boolean;
}

/** A difference with its sign always shown (+€ 5,00 / −€ 5,00), so "more at the provider" is plain. */
export function signedMoney(money: Money, minor: number, currency: string): string {
  return minor > 0 ? `+${money(minor, currency)}` : money(minor, currency);
}

/** Why a provider has no figure, in words ("no answer", "not available (http_403)"…). */
export function answerStateText(t: Translate, answer: Pick<ProviderDayAnswer, 'state' | 'reason'>): string {
  if (answer.state === 'no_answer') return t('day.noAnswer');
  if (answer.state === 'not_available') return t('day.notAvailable', { reason: answer.reason ?? '?' });
  return t('day.notOffered');
}

/** "PayTrace — card on file (this station, sales minus refunds)". */
export function figureHead(t: Translate, answer: ProviderDayAnswer, figure: ProviderFigure): string {
  const scope =
    answer.scope === 'account'
      ? t('day.scope.account', { from: answer.period?.from ?? '', to: answer.period?.to ?? '' })
      : t('day.scope.station');
  const measure = t(figure.measure === 'net' ? 'day.measure.net' : 'day.measure.sales');
  return t('day.providerLine', { label: figure.label, scope, measure });
}

/** "Kassa expects $150.00 — paytrace reports $200.00, difference +$50.00". */
export function figureText(t: Translate, money: Money, provider: string, figure: ProviderFigure): string {
  const said = t('day.expectsReports', {
    expected: money(figure.expected.minor, figure.currency),
    provider,
    reported: money(figure.reportedMinor, figure.currency),
  });
  if (figure.differenceMinor === 0) return said;
  return `${said}, ${t('day.difference', { amount: signedMoney(money, figure.differenceMinor, figure.currency) })}`;
}

/**
 * The providers' figures of a report as lines for paper (the Z's PDF and thermal print): one line
 * per figure, or one per provider that gave none with the reason. A report whose providers were
 * never asked says so (an X not asked yet; a Z closed before Kassa asked providers: not offered).
 */
export function providerCheckLines(report: DayReport, t: Translate, money: Money): ProviderCheckLine[] {
  const check = report.providerCheck;
  if (!check) return [{ head: '', text: t(report.kind === 'X' ? 'day.notAsked' : 'day.notOffered'), differs: false }];
  return check.answers.flatMap((answer): ProviderCheckLine[] => {
    if (answer.state !== 'reported')
      return [{ head: answer.provider, text: answerStateText(t, answer), differs: false }];
    return answer.figures.map((figure) => ({
      head: `${figureHead(t, answer, figure)} ${figure.currency}`,
      text: figureText(t, money, answer.provider, figure),
      differs: figure.differenceMinor !== 0,
    }));
  });
}
