import { useQuery } from '@tanstack/react-query';
import { startTransition, useActionState, useState } from 'react';
import type { PaymentDto, RefundKind } from '../../../../shared/api/schemas';
import { isCurrencyCode } from '../../../../shared/money/currency';
import { formatAmountInput } from '../../../../shared/money/format';
import { parseAmount } from '../../../../shared/money/parse';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { type RefundRequest, useRefundPayment } from './mutations';

/** What the last Refund press came to: the amount given back, or why not. */
type RefundOutcome = { readonly refundedMinor: number | null; readonly error: unknown };
const NOTHING_YET: RefundOutcome = { refundedMinor: null, error: null };

/** A manager gives money back: all or part, online or on a terminal, with a reason. */
export function RefundForm({ payment }: { payment: PaymentDto }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const terminals = useQuery(queries.terminals(api));
  const refundable = payment.amount.minor - payment.refundedMinor;
  const currency = payment.amount.currency;
  const [amountText, setAmountText] = useState(() =>
    isCurrencyCode(currency) ? formatAmountInput(refundable, currency, language) : '',
  );
  const [kind, setKind] = useState<RefundKind>(payment.refundKinds[0] ?? 'online');
  const refundTerminals = (terminals.data ?? []).filter(
    (x) => x.refunds && x.online && x.provider === payment.provider,
  );
  const [terminalId, setTerminalId] = useState<string>('');
  const [reason, setReason] = useState('');
  const refund = useRefundPayment();
  // The form's state is the outcome of its last submit: "Refund recorded: €x" names what was sent,
  // even if the amount field is edited afterwards.
  const [outcome, submitRefund, refunding] = useActionState(
    async (_previous: RefundOutcome, request: RefundRequest): Promise<RefundOutcome> => {
      try {
        await refund.mutateAsync(request);
        return { refundedMinor: request.amount.minor, error: null };
      } catch (error) {
        return { refundedMinor: null, error };
      }
    },
    NOTHING_YET,
  );
  const parsed = isCurrencyCode(currency) ? parseAmount(amountText, currency, language) : null;
  const minor = parsed?.ok ? parsed.minor : null;

  return (
    <form
      className="refund-form"
      aria-label={t('action.refund')}
      onSubmit={(e) => {
        e.preventDefault();
        if (minor === null) return;
        const request: RefundRequest = {
          paymentId: payment.id,
          amount: { minor, currency },
          kind,
          ...(kind === 'terminal' ? { terminalId: terminalId || refundTerminals[0]?.id || '' } : {}),
          reason: reason.trim() || 'Refund',
        };
        startTransition(() => submitRefund(request));
      }}
    >
      <p className="muted small">{t('detail.refundable', { amount: money(refundable, currency) })}</p>
      <label className="field-label" htmlFor="refund-amount">
        {t('detail.refundAmount')}
      </label>
      <input
        id="refund-amount"
        className="amount-input"
        inputMode="decimal"
        value={amountText}
        onChange={(e) => setAmountText(e.target.value)}
      />
      <label className="field-label" htmlFor="refund-kind">
        {t('detail.refundKind')}
      </label>
      <select id="refund-kind" value={kind} onChange={(e) => setKind(e.target.value as RefundKind)}>
        {payment.refundKinds.map((k) => (
          <option key={k} value={k}>
            {t(`detail.kind.${k}` as const)}
          </option>
        ))}
      </select>
      {kind === 'terminal' && (
        <>
          <label className="field-label" htmlFor="refund-terminal">
            {t('detail.refundTerminal')}
          </label>
          <select id="refund-terminal" value={terminalId} onChange={(e) => setTerminalId(e.target.value)}>
            {refundTerminals.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="field-label" htmlFor="refund-reason">
        {t('detail.reason')}
      </label>
      <input
        id="refund-reason"
        className="search-input"
        maxLength={32}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ActionProblem error={outcome.error} currency={currency} />
      {outcome.refundedMinor !== null && (
        <p role="status">{t('detail.refundDone', { amount: money(outcome.refundedMinor, currency) })}</p>
      )}
      <button type="submit" className="pay-button" disabled={minor === null || refunding}>
        {minor === null ? t('action.refund') : t('action.refundAmount', { amount: money(minor, currency) })}
      </button>
    </form>
  );
}
