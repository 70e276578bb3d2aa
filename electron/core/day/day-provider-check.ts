import type { DayReport } from '../../../shared/api/day-schemas';
import { localDate } from '../clock';
import { askProviders, compareWithKassa, DEFAULT_PROVIDER_TIMEOUT_MS, type RawAnswer } from './ask-providers';
import { buildReport } from './day-report';
import type { DayRow } from './day-repository';
import type { Asked, DayServiceDeps } from './day-service-deps';

/**
 * The providers' own figures beside Kassa's: the X on request, and the close that asks them first
 * (day-service.ts does the close itself). Reading only: a provider that fails or is slow is shown
 * as such (ask-providers.ts), never holds up the close for more than the configured timeout.
 */
export function createDayProviderCheck<Closed>(input: {
  deps: DayServiceDeps;
  openRow: () => DayRow;
  who: () => string;
  refuseIfBlocked: (preview: DayReport, override: { note: string } | undefined) => void;
  closeNow: (override: { note: string } | undefined, asked: Asked | null) => Closed;
}) {
  const { deps, openRow, who } = input;
  const { clock } = deps;

  /** The providers used in `report`'s period, asked for their figures of [from, to); never throws. */
  function ask(report: DayReport, from: string, to: string): Promise<RawAnswer[]> {
    return askProviders({
      currencies: report.currencies,
      sources: deps.providerTotals?.sources() ?? [],
      window: {
        from,
        to,
        fromDate: localDate(new Date(from)),
        toDate: localDate(new Date(to)),
        stationId: report.stationId,
      },
      timeoutMs: deps.providerTotals?.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
      log: deps.log,
    });
  }

  return {
    /** The X report with the providers' figures for the day so far: on request, so the live X stays fast. */
    async askProviders(): Promise<DayReport> {
      const day = openRow();
      const at = clock.now().toISOString();
      const x = buildReport(deps, 'X', day, at);
      const answers = await ask(x, day.periodStart, at);
      const providerCheck = compareWithKassa({
        answers,
        currencies: x.currencies,
        terminalName: deps.terminalName,
        askedAt: clock.now().toISOString(),
        window: { from: day.periodStart, to: at },
      });
      return { ...x, providerCheck };
    },
    /**
     * Closes the day after asking the providers (the API's close). The Z's period ends when they are
     * asked: they and Kassa count the same window, and anything approved while they answer belongs
     * to the next day (whose period starts at this close).
     */
    async closeAskingProviders(override?: { note: string }): Promise<Closed> {
      const day = openRow();
      const at = clock.now().toISOString();
      const preview = buildReport(deps, 'Z', day, at, { closedBy: who(), overrideNote: null });
      input.refuseIfBlocked(preview, override);
      const answers = await ask(preview, day.periodStart, at);
      return input.closeNow(override, { number: day.number, at, answers, askedAt: clock.now().toISOString() });
    },
  };
}
