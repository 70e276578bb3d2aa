import type { Language } from '../../../../shared/i18n/translate';
import { useT } from '../../i18n/use-i18n';
import { formatTimeLeft, formatWhen, msLeft, useNow } from './use-countdown';

/** Time left until the link expires, ticking every second; "expired" once it has. */
export function Countdown({ expiresAt, language }: { expiresAt: string | null; language: Language }) {
  const t = useT();
  const now = useNow(1_000);
  const left = msLeft(expiresAt, now);
  if (left === null || !expiresAt) return <p className="muted small">{t('paylink.noExpiry')}</p>;
  return (
    <p className="paylink-countdown">
      {left > 0 ? (
        // role=timer is not announced on every tick (implicit aria-live off); the text is there to read.
        <span role="timer" aria-label={t('paylink.timeLeftLabel')} className="strong">
          {t('paylink.timeLeft', { time: formatTimeLeft(left) })}
        </span>
      ) : (
        <span className="strong">{t('paylink.expiredNow')}</span>
      )}{' '}
      <span className="muted small">{t('paylink.expiresAt', { time: formatWhen(expiresAt, language, now) })}</span>
    </p>
  );
}
