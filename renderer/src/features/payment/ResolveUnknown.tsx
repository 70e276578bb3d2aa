import { useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isManagerNote, MANAGER_NOTE_MAX } from '../../../../shared/payment/manager-note';
import { ActionProblem } from '../../components/ActionProblem';
import { useMoney, useT } from '../../i18n/use-i18n';
import { useCheckPayment, useResolvePayment } from './mutations';

/**
 * An outcome the provider cannot (yet) tell: ask again, or — after looking at the terminal's screen
 * or the provider's portal — record a manager's decision, with a note, as the evidence.
 */
export function ResolveUnknown({ payment }: { payment: PaymentDto }) {
  const t = useT();
  const money = useMoney();
  const [note, setNote] = useState('');
  const check = useCheckPayment(payment.id);
  const resolve = useResolvePayment(payment.id);
  const error = check.error ?? resolve.error;
  const noteOk = isManagerNote(note);

  return (
    <section className="resolve-unknown" aria-label={t('resolve.title')}>
      {payment.providerConfigured ? (
        <div className="status-actions">
          <button type="button" className="secondary-action" disabled={check.isPending} onClick={() => check.mutate()}>
            {t('resolve.checkAgain')}
          </button>
        </div>
      ) : (
        <p className="problem">{t('resolve.providerGone')}</p>
      )}
      <h3>{t('resolve.title')}</h3>
      <p className="muted small">{t('resolve.help')}</p>
      <label className="field-label" htmlFor={`resolve-note-${payment.id}`}>
        {t('resolve.note')}
      </label>
      <input
        id={`resolve-note-${payment.id}`}
        className="search-input"
        maxLength={MANAGER_NOTE_MAX}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <ActionProblem error={error} currency={payment.amount.currency} />
      <div className="status-actions">
        <button
          type="button"
          className="secondary-action"
          disabled={!noteOk || resolve.isPending}
          onClick={() => resolve.mutate({ outcome: 'failed', note: note.trim() })}
        >
          {t('resolve.notCharged')}
        </button>
        <button
          type="button"
          className="secondary-action"
          disabled={!noteOk || resolve.isPending}
          onClick={() => resolve.mutate({ outcome: 'approved', note: note.trim() })}
        >
          {t('resolve.charged', { amount: money(payment.amount.minor, payment.amount.currency) })}
        </button>
      </div>
    </section>
  );
}
