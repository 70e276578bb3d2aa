import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { download, type ReportOf, reconQueries } from './queries';

/** Yesterday in the station's own calendar (the report's days are the shop's local days). */
const yesterday = () => {
  const d = new Date(Date.now() - 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** One day's (or one payout's) settled figures per provider, tender and currency, its payouts, and the exports. */
export function DayReport() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const [day, setDay] = useState(yesterday);
  const [payoutId, setPayoutId] = useState<string | null>(null);
  const of: ReportOf = payoutId ? { payoutId } : { day };
  const report = useQuery(reconQueries.report(api, of));
  const [problem, setProblem] = useState<unknown>(null);
  const data = report.data;

  const exportAs = async (kind: 'csv' | 'pdf') => {
    setProblem(null);
    try {
      const file = await api.call(kind === 'csv' ? 'reconciliation.exportCsv' : 'reconciliation.exportPdf', {
        ...of,
        language,
      });
      download(file, kind === 'csv' ? 'text/csv' : 'application/pdf');
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <section className="recon-section" aria-labelledby="recon-report">
      <div className="recon-head">
        <h2 id="recon-report">{payoutId ? t('recon.reportPayout', { payout: payoutId }) : t('recon.reportDay')}</h2>
        {payoutId ? (
          <button type="button" className="small-button recon-big" onClick={() => setPayoutId(null)}>
            {t('recon.backToDay')}
          </button>
        ) : (
          <label className="recon-day">
            {t('recon.reportFor')}
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
        )}
        <button type="button" className="small-button recon-big" onClick={() => void exportAs('csv')}>
          {t('recon.exportCsv')}
        </button>
        <button type="button" className="small-button recon-big" onClick={() => void exportAs('pdf')}>
          {t('recon.exportPdf')}
        </button>
      </div>
      <ActionProblem error={problem} />
      {data && !payoutId ? <p className="muted">{t('recon.timeZone', { zone: data.timeZone })}</p> : null}
      {!data || (data.rows.length === 0 && data.payouts.length === 0) ? (
        <p className="muted">{t('recon.noRows')}</p>
      ) : (
        <>
          <table className="today-table" aria-label={t('recon.report')}>
            <thead>
              <tr>
                <th>{t('recon.provider')}</th>
                <th>{t('recon.tender')}</th>
                <th className="num">{t('recon.gross')}</th>
                <th className="num">{t('recon.fee')}</th>
                <th className="num">{t('recon.net')}</th>
                <th className="num">{t('recon.matched')}</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr key={`${l.provider}|${l.tender}|${l.currency}`}>
                  <td>{l.provider}</td>
                  <td>{l.tender}</td>
                  <td className="num">{money(l.grossMinor, l.currency)}</td>
                  <td className="num">{money(l.feeMinor, l.currency)}</td>
                  <td className="num">{money(l.netMinor, l.currency)}</td>
                  <td className="num">{`${l.matched}/${l.matched + l.unmatched}`}</td>
                </tr>
              ))}
              {data.totals.map((total) => (
                <tr key={total.currency} className="strong">
                  <td colSpan={2}>{t('recon.total', { currency: total.currency })}</td>
                  <td className="num">{money(total.grossMinor, total.currency)}</td>
                  <td className="num">{money(total.feeMinor, total.currency)}</td>
                  <td className="num">{money(total.netMinor, total.currency)}</td>
                  <td className="num">{`${total.matched}/${total.matched + total.unmatched}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('recon.payouts')}</h3>
          <table className="today-table" aria-label={t('recon.payouts')}>
            <thead>
              <tr>
                <th>{t('recon.payout')}</th>
                <th>{t('recon.provider')}</th>
                <th className="num">{t('recon.gross')}</th>
                <th className="num">{t('recon.fee')}</th>
                <th className="num">{t('recon.net')}</th>
                <th className="num">{t('recon.payoutNet')}</th>
                <th className="num">{t('recon.stated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.payouts.map((p) => (
                <tr key={`${p.provider}|${p.payoutId}|${p.currency}`}>
                  <td className="mono">
                    {p.payoutId && !payoutId ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('recon.showPayout', { payout: p.payoutId })}
                        onClick={() => setPayoutId(p.payoutId)}
                      >
                        {p.payoutId}
                      </button>
                    ) : (
                      (p.payoutId ?? '—')
                    )}{' '}
                    {p.settledOn ? `(${p.settledOn})` : ''}
                    {p.aborted ? <span className="recon-flag">{t('recon.payoutAborted')}</span> : null}
                  </td>
                  <td>{p.provider}</td>
                  <td className="num">{money(p.grossMinor, p.currency)}</td>
                  <td className="num">{money(p.feeMinor, p.currency)}</td>
                  <td className="num">{money(p.netMinor, p.currency)}</td>
                  <td className="num">{p.payoutNetMinor === null ? '—' : money(p.payoutNetMinor, p.currency)}</td>
                  <td className="num">
                    {p.statedNetMinor === null ? '—' : money(p.statedNetMinor, p.currency)}
                    {/* Compared with all the payout's lines: a payout spans several days. */}
                    {p.statedNetMinor !== null &&
                    !p.aborted &&
                    p.statedNetMinor !== (p.payoutNetMinor ?? p.netMinor) ? (
                      <span className="recon-flag">{t('recon.payoutDiffers')}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
