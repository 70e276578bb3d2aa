import { useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { ClientError } from '../../api/client-error';
import { describeError } from '../../i18n/describe-error';
import { useMoney, useT } from '../../i18n/use-i18n';
import { useVoidPayment } from './mutations';

/**
 * Same-day void: undoes an approved payment before the acquirer settles it. Asked twice (button,
 * then a confirm with the manager's note), because it re-opens the customer's invoices.
 */
export function VoidPayment({ payment }: { payment: PaymentDto }) {
  const t = useT();
  const money = useMoney();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  // One request id per confirm dialog: a double click voids once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const amount = money(payment.amount.minor, payment.amount.currency);
  const voidIt = useVoidPayment(payment.id);

  if (!confirming) {
    return (
      <div className="status-actions">
        <button type="button" className="secondary-action" onClick={() => setConfirming(true)}>
          {t('void.action')}
        </button>
      </div>
    );
  }
  return (
    <section className="void-form" aria-label={t('void.action')}>
      <h3>{t('void.action')}</h3>
      <p className="muted small">{t('void.help')}</p>
      <label className="field-label" htmlFor={`void-note-${payment.id}`}>
        {t('void.note')}
      </label>
      <input
        id={`void-note-${payment.id}`}
        className="search-input"
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {voidIt.error && (
        <p className="problem" role="alert">
          {voidIt.error instanceof ClientError
            ? describeError(t, (m) => money(m, payment.amount.currency), voidIt.error.code, voidIt.error.params)
            : t('error.internal')}
        </p>
      )}
      <div className="status-actions">
        <button type="button" className="secondary-action" onClick={() => setConfirming(false)}>
          {t('void.cancel')}
        </button>
        <button
          type="button"
          className="secondary-action"
          disabled={note.trim().length < 3 || voidIt.isPending}
          onClick={() =>
            voidIt.mutate(
              { requestId, note: note.trim() },
              // A refused void may be confirmed again: that is a new request.
              { onError: () => setRequestId(crypto.randomUUID()) },
            )
          }
        >
          {t('void.confirm', { amount })}
        </button>
      </div>
    </section>
  );
}
