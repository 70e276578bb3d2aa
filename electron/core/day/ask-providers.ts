import { z } from 'zod';
import type {
  CountTotal,
  CurrencyTotals,
  ProviderCheck,
  ProviderDayAnswer,
  ProviderFigure,
} from '../../../shared/api/day-schemas';
import { ProviderError } from '../payments/provider';
import { DayFigureUnavailable, type DayTotalsSource, type DayWindow, type ReportedDay } from './provider-day-totals';

/** How long the close waits for the providers together: a close is a few seconds later, never stuck. */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 8_000;

export interface DayTotalsProvider {
  readonly provider: string;
  readonly source: DayTotalsSource;
}

/** A provider's answer before it is set beside Kassa's totals. */
export interface RawAnswer {
  readonly provider: string;
  readonly state: ProviderDayAnswer['state'];
  readonly reason: string | null;
  readonly reported: ReportedDay | null;
}

/** What a source hands back is checked like any provider answer: a bad figure never reaches a Z. */
const Reported = z.object({
  scope: z.enum(['station', 'account']),
  period: z.object({ from: z.string(), to: z.string() }),
  figures: z.array(
    z.object({
      currency: z.string().length(3),
      terminalId: z.string().nullable(),
      measure: z.enum(['net', 'sales']),
      count: z.number().int().nonnegative().nullable(),
      minor: z.number().int().safe(),
    }),
  ),
});

/** Codes of a read that got no answer (as opposed to an answer saying no). */
const NO_ANSWER_CODES = new Set(['no_answer', 'unreachable', 'answer_cut', 'timeout']);

class Timeout extends Error {}

/**
 * Asks every provider used in the period at once, each within `timeoutMs`. A provider without the
 * capability is `not_offered`; one that fails is `not_available` with its error's code (never the
 * provider's words: they may echo request details); one that is too slow is `no_answer` — and the
 * caller goes on either way. At the timeout the read's signal aborts, so its requests stop (a
 * source's serial calls too) instead of running on for an answer that would be dropped.
 */
export async function askProviders(input: {
  /** Kassa's totals of the period: which providers were used, and in which currencies. */
  currencies: readonly CurrencyTotals[];
  sources: readonly DayTotalsProvider[];
  window: Omit<DayWindow, 'currencies'>;
  timeoutMs: number;
  log?: (message: string, error?: unknown) => void;
}): Promise<RawAnswer[]> {
  return Promise.all(
    providersUsed(input.currencies).map(async (provider): Promise<RawAnswer> => {
      const source = input.sources.find((s) => s.provider === provider)?.source;
      if (!source) return { provider, state: 'not_offered', reason: null, reported: null };
      const currencies = input.currencies
        .filter((c) => c.tenders.some((t) => t.provider === provider))
        .map((c) => c.currency);
      const stop = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          source.read({ ...input.window, currencies }, stop.signal),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              reject(new Timeout());
              stop.abort(new Timeout());
            }, input.timeoutMs);
          }),
        ]);
        const parsed = Reported.safeParse(answer);
        if (!parsed.success) return { provider, state: 'not_available', reason: 'unreadable_answer', reported: null };
        return { provider, state: 'reported', reason: null, reported: parsed.data };
      } catch (error) {
        const code =
          error instanceof Timeout
            ? 'timeout'
            : error instanceof ProviderError || error instanceof DayFigureUnavailable
              ? error.code
              : 'error';
        input.log?.(`day totals of ${provider}: ${code}`, error instanceof Timeout ? undefined : error);
        return {
          provider,
          state: NO_ANSWER_CODES.has(code) ? 'no_answer' : 'not_available',
          reason: code,
          reported: null,
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** The providers whose tenders appear in the period, in a stable order. */
export function providersUsed(currencies: readonly CurrencyTotals[]): string[] {
  return [...new Set(currencies.flatMap((c) => c.tenders.map((t) => t.provider)))].sort();
}

/**
 * Sets each provider figure beside what Kassa counted for the same thing (pure: the close calls it
 * inside its transaction with the Z's own totals). A figure that is zero on both sides for a
 * terminal Kassa never used says nothing and is left out.
 */
export function compareWithKassa(input: {
  answers: readonly RawAnswer[];
  currencies: readonly CurrencyTotals[];
  terminalName: (terminalId: string) => string;
  askedAt: string;
  window: { from: string; to: string };
}): ProviderCheck {
  const expectedOf = (provider: string, currency: string, terminalId: string | null, measure: 'net' | 'sales') => {
    const tenders =
      input.currencies
        .find((c) => c.currency === currency)
        ?.tenders.filter((t) => t.provider === provider && (terminalId === null || t.terminalId === terminalId)) ?? [];
    return tenders.reduce<CountTotal>(
      (sum, t) => ({
        count: sum.count + t.payments.count,
        minor: sum.minor + (measure === 'net' ? t.netMinor : t.payments.minor),
      }),
      { count: 0, minor: 0 },
    );
  };
  const answers = input.answers.map((answer): ProviderDayAnswer => {
    const figures = (answer.reported?.figures ?? []).flatMap((f): ProviderFigure[] => {
      const expected = expectedOf(answer.provider, f.currency, f.terminalId, f.measure);
      const silent = expected.count === 0 && expected.minor === 0 && f.minor === 0 && !f.count;
      if (silent) return [];
      return [
        {
          currency: f.currency,
          terminalId: f.terminalId,
          label: f.terminalId ? input.terminalName(f.terminalId) : answer.provider,
          measure: f.measure,
          expected,
          reportedCount: f.count,
          reportedMinor: f.minor,
          differenceMinor: f.minor - expected.minor,
        },
      ];
    });
    return {
      provider: answer.provider,
      state: answer.state,
      reason: answer.reason,
      scope: answer.reported?.scope ?? null,
      period: answer.reported?.period ?? null,
      figures,
    };
  });
  return { askedAt: input.askedAt, window: input.window, answers };
}
