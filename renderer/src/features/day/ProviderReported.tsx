import type { DayReport, ProviderFigure, TenderTotals } from '../../../../shared/api/day-schemas';
import { answerStateText, figureHead, figureText } from '../../../../shared/day/provider-check-text';
import { useMoney, useT } from '../../i18n/use-i18n';

/** "Kassa expects X — provider reports Y", highlighted with the difference when they disagree. */
function Figure({ provider, figure }: { provider: string; figure: ProviderFigure }) {
  const t = useT();
  const money = useMoney();
  const differs = figure.differenceMinor !== 0;
  return (
    <span
      className={differs ? 'day-differs' : 'day-agrees'}
      data-testid={`reported-${provider}-${figure.terminalId ?? 'all'}-${figure.currency}`}
    >
      {figureText(t, money, provider, figure)}
    </span>
  );
}

/**
 * The "Provider reports" cell of one tender: not offered by its provider, not asked yet, why there
 * is no figure (no answer, not available), the terminal's own figure, or a pointer to the
 * provider's total for the currency (a row of its own below the tenders).
 */
export function ReportedCell({
  report,
  currency,
  tender,
}: {
  report: DayReport;
  currency: string;
  tender: TenderTotals;
}) {
  const t = useT();
  const quiet = (text: string) => <td className="muted small">{text}</td>;
  if (tender.reported === 'not_offered') return quiet(t('day.notOffered'));
  const answer = report.providerCheck?.answers.find((a) => a.provider === tender.provider);
  // Not asked (the X until "Ask the providers"), or the tender appeared after they were asked.
  if (!answer) return quiet(report.kind === 'Z' && !report.providerCheck ? t('day.notOffered') : t('day.notAsked'));
  if (answer.state !== 'reported') return quiet(answerStateText(t, answer));
  const own = answer.figures.find((f) => f.currency === currency && f.terminalId === tender.terminalId);
  if (own) {
    return (
      <td className="small">
        <Figure provider={answer.provider} figure={own} />
      </td>
    );
  }
  if (answer.figures.some((f) => f.currency === currency && f.terminalId === null))
    return quiet(t('day.inProviderTotal', { provider: answer.provider }));
  return quiet('—');
}

/**
 * Figures with no tender row of their own in this currency: a provider's total over all its
 * tenders (Pay.'s whole-account statistics), or a terminal the provider counted and Kassa did not.
 */
export function ProviderRows({
  report,
  currency,
  tenders,
}: {
  report: DayReport;
  currency: string;
  tenders: readonly TenderTotals[];
}) {
  const t = useT();
  const rows = (report.providerCheck?.answers ?? []).flatMap((answer) =>
    answer.state !== 'reported'
      ? []
      : answer.figures
          .filter(
            (f) =>
              f.currency === currency &&
              (f.terminalId === null ||
                !tenders.some((line) => line.provider === answer.provider && line.terminalId === f.terminalId)),
          )
          .map((figure) => ({ answer, figure })),
  );
  return (
    <>
      {rows.map(({ answer, figure }) => (
        <tr key={`${answer.provider}/${figure.terminalId ?? ''}`} className="day-provider-row">
          <td colSpan={5}>{figureHead(t, answer, figure)}</td>
          <td className="small">
            <Figure provider={answer.provider} figure={figure} />
          </td>
        </tr>
      ))}
    </>
  );
}
