import { useState } from 'react';
import type { RefundDto } from '../../../../shared/api/schemas';
import { isManagerNote, MANAGER_NOTE_MAX } from '../../../../shared/payment/manager-note';
import { ActionProblem } from '../../components/ActionProblem';
import { useT } from '../../i18n/use-i18n';
import { useDecideRefund, useRetryRefund } from './mutations';

/** A refund whose answer was lost: send it again (same key, where safe) or record what the portal shows. */
export function UnknownRefund({ refund }: { refund: RefundDto }) {
  const t = useT();
  const [note, setNote] = useState('');
  const retry = useRetryRefund(refund.id);
  const decide = useDecideRefund(refund.id);
  const error = retry.error ?? decide.error;
  const noteOk = isManagerNote(note);
  return (
    <div className="unknown-refund">
      {refund.retryable && (
        <button type="button" className="small-button" disabled={retry.isPending} onClick={() => retry.mutate()}>
          {t('refund.sendAgain')}
        </button>
      )}
      <input
        className="search-input"
        aria-label={t('resolve.note')}
        placeholder={t('resolve.note')}
        maxLength={MANAGER_NOTE_MAX}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="small-button"
        disabled={!noteOk || decide.isPending}
        onClick={() => decide.mutate({ outcome: 'succeeded', note: note.trim() })}
      >
        {t('refund.markRefunded')}
      </button>
      <button
        type="button"
        className="small-button"
        disabled={!noteOk || decide.isPending}
        onClick={() => decide.mutate({ outcome: 'failed', note: note.trim() })}
      >
        {t('refund.markNotRefunded')}
      </button>
      <ActionProblem error={error} currency={refund.amount.currency} />
    </div>
  );
}
