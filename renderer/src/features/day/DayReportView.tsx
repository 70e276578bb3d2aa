import type { DayReport } from '../../../../shared/api/day-schemas';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { ProviderRows, ReportedCell } from './ProviderReported';

/** Money given back, shown as a negative amount (zero stays zero, never "-0"). */
const back = (minor: number) => (minor === 0 ? 0 : -minor);

/**
 * An X or Z report on screen: one table per currency (never added together), each tender beside
 * what its provider reports for the day where it can tell, then what is open or held.
 */
export function DayReportView({ report }: { report: DayReport }) {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const title = report.kind === 'Z' ? t('day.zTitle', { number: report.number }) : t('day.xTitle');
  return (
    <section className="day-report" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted small">
        {t('day.period', { from: formatTime(report.periodStart, language) })} ·{' '}
        {t('day.generated', { time: formatTime(report.generatedAt, language) })}
      </p>
      {report.providerCheck ? (
        <p className="muted small" data-testid="day-asked-at">
          {t('day.askedAt', { time: formatTime(report.providerCheck.askedAt, language) })}
        </p>
      ) : (
        report.kind === 'X' && <p className="muted small">{t('day.notAskedHint')}</p>
      )}
      {report.overrideNote && (
        <p className="problem">
          {t('day.overrideNote')}: {report.overrideNote}
        </p>
      )}
      {report.currencies.length === 0 && <p className="muted">{t('day.nothingTaken')}</p>}
      {report.currencies.map((c) => (
        <table
          key={c.currency}
          className="today-table day-table"
          aria-label={t('day.currency', { currency: c.currency })}
        >
          <caption>{t('day.currency', { currency: c.currency })}</caption>
          <thead>
            <tr>
              <th>{t('day.tender')}</th>
              <th className="num">{t('day.payments')}</th>
              <th className="num">{t('day.refunds')}</th>
              <th className="num">{t('day.voids')}</th>
              <th className="num">{t('day.net')}</th>
              <th>{t('day.reported')}</th>
            </tr>
          </thead>
          <tbody>
            {c.tenders.map((line) => (
              <tr key={line.key}>
                <td>
                  {line.terminalName}
                  <div className="mono small">
                    {line.provider} · {line.method}
                  </div>
                </td>
                <td className="num">
                  {line.payments.count} · {money(line.payments.minor, c.currency)}
                </td>
                <td className="num">
                  {line.refunds.count} · {money(back(line.refunds.minor), c.currency)}
                </td>
                <td className="num">
                  {line.voids.count} · {money(line.voids.minor, c.currency)}
                </td>
                <td className="num">{money(line.netMinor, c.currency)}</td>
                <ReportedCell report={report} currency={c.currency} tender={line} />
              </tr>
            ))}
            <ProviderRows report={report} currency={c.currency} tenders={c.tenders} />
          </tbody>
          <tfoot>
            <tr>
              <th>{t('day.total')}</th>
              <th className="num">
                {c.payments.count} · {money(c.payments.minor, c.currency)}
              </th>
              <th className="num">
                {c.refunds.count} · {money(back(c.refunds.minor), c.currency)}
              </th>
              <th className="num">
                {c.voids.count} · {money(c.voids.minor, c.currency)}
              </th>
              <th className="num" data-testid={`day-net-${c.currency}`}>
                {money(c.netMinor, c.currency)}
              </th>
              <th />
            </tr>
          </tfoot>
        </table>
      ))}
      <dl className="day-facts">
        <dt>{t('day.held')}</dt>
        <dd>
          {report.held.length === 0
            ? t('day.none')
            : report.held.map((h) => `${h.count} · ${money(h.minor, h.currency)}`).join(', ')}
        </dd>
        <dt>{t('day.openPayments')}</dt>
        <dd>
          {report.open.payments.length === 0
            ? t('day.none')
            : report.open.payments
                .map((p) => `${p.reference} (${p.status}) ${money(p.amount.minor, p.amount.currency)}`)
                .join(', ')}
        </dd>
        <dt>{t('day.openRefunds')}</dt>
        <dd>{report.open.refunds}</dd>
        <dt>{t('day.openVoids')}</dt>
        <dd>{report.open.voids}</dd>
        <dt>{t('day.outboxWaiting')}</dt>
        <dd>{report.outboxWaiting}</dd>
      </dl>
    </section>
  );
}
