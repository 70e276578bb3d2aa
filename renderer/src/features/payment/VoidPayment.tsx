import { startTransition, useActionState, useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isManagerNote, MANAGER_NOTE_MAX } from '../../../../shared/payment/manager-note';
import { ActionProblem } from '../../components/ActionProblem';
import { useMoney, useT } from '../../i18n/use-i18n';
import { useVoidPayment } from './mutations';

type VoidAttempt = { readonly requestId: string; readonly error: unknown };

/**
 * Same-day void: undoes an approved payment before the acquirer settles it. Asked twice (button,
 * then a confirm with the manager's note), because it re-opens the customer's invoices.
 */
export function VoidPayment({ payment }: { payment: PaymentDto }) {
  const t = useT();
  const money = useMoney();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const amount = money(payment.amount.minor, payment.amount.currency);
  const voidIt = useVoidPayment(payment.id);
  // The confirm's state: the request id the next press sends, and why the last one was refused.
  // Presses share an id (a double click voids once); a refused void confirmed again is a new request.
  const [attempt, confirmVoid, voiding] = useActionState(
    async (previous: VoidAttempt, voidNote: string): Promise<VoidAttempt> => {
      try {
        await voidIt.mutateAsync({ requestId: previous.requestId, note: voidNote });
        return { requestId: previous.requestId, error: null };
      } catch (error) {
        return { requestId: crypto.randomUUID(), error };
      }
    },
    { requestId: crypto.randomUUID(), error: null },
  );

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
        maxLength={MANAGER_NOTE_MAX}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <ActionProblem error={attempt.error} currency={payment.amount.currency} />
      <div className="status-actions">
        <button type="button" className="secondary-action" onClick={() => setConfirming(false)}>
          {t('void.cancel')}
        </button>
        <button
          type="button"
          className="secondary-action"
          disabled={!isManagerNote(note) || voiding}
          onClick={() => startTransition(() => confirmVoid(note.trim()))}
        >
          {t('void.confirm', { amount })}
        </button>
      </div>
    </section>
  );
}
