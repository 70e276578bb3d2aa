import type { PaymentDto } from '../../../../shared/api/schemas';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';

export function RecentPayments({ payments }: { payments: readonly PaymentDto[] }) {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  return (
    <section className="recent" aria-label={t('customer.recentPayments')}>
      <h2>{t('customer.recentPayments')}</h2>
      {payments.length === 0 ? (
        <p className="muted small">{t('customer.noRecent')}</p>
      ) : (
        <ul>
          {payments.map((p) => (
            <li key={p.id} className={`recent-item status-${p.status}`}>
              <span>
                {new Date(p.createdAt).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB')}{' '}
                {formatTime(p.createdAt, language)}
              </span>
              <span className="num">{money(p.amount.minor, p.amount.currency)}</span>
              <span className="badge">{t(`label.${p.status}` as const)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
