import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RefundDto } from '../../../../shared/api/schemas';
import { useApi } from '../../api/api-context';
import { ClientError } from '../../api/client-error';
import { keys } from '../../api/queries';
import { describeError } from '../../i18n/describe-error';
import { useMoney, useT } from '../../i18n/use-i18n';

/** A refund whose answer was lost: send it again (same key, where safe) or record what the portal shows. */
export function UnknownRefund({ refund }: { refund: RefundDto }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const onSuccess = (payment: { id: string }) => {
    queryClient.setQueryData(keys.payment(payment.id), payment);
    void queryClient.invalidateQueries({ queryKey: keys.paymentEvents(payment.id) });
  };
  const retry = useMutation({ mutationFn: () => api.call('refunds.retry', { refundId: refund.id }), onSuccess });
  const decide = useMutation({
    mutationFn: (outcome: 'succeeded' | 'failed') =>
      api.call('refunds.decide', { refundId: refund.id, outcome, note: note.trim() }),
    onSuccess,
  });
  const error = retry.error ?? decide.error;
  const noteOk = note.trim().length >= 3;
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
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="small-button"
        disabled={!noteOk || decide.isPending}
        onClick={() => decide.mutate('succeeded')}
      >
        {t('refund.markRefunded')}
      </button>
      <button
        type="button"
        className="small-button"
        disabled={!noteOk || decide.isPending}
        onClick={() => decide.mutate('failed')}
      >
        {t('refund.markNotRefunded')}
      </button>
      {error && (
        <p className="problem" role="alert">
          {error instanceof ClientError
            ? describeError(t, (m) => money(m, refund.amount.currency), error.code, error.params)
            : t('error.internal')}
        </p>
      )}
    </div>
  );
}
