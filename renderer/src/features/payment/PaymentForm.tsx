import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../../shared/api/contract';
import { isCurrencyCode } from '../../../../shared/money/currency';
import { formatAmountInput } from '../../../../shared/money/format';
import { useApi } from '../../api/api-context';
import { ClientError } from '../../api/client-error';
import { keys, queries } from '../../api/queries';
import { describeError } from '../../i18n/describe-error';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import type { PaymentPlan } from '../../state/use-payment-plan';
import { TerminalPicker } from './TerminalPicker';

export function PaymentForm({
  customerId,
  currency,
  plan,
  selectedTotalMinor,
  selectedCount,
}: {
  customerId: string;
  currency: string;
  plan: PaymentPlan;
  selectedTotalMinor: number;
  selectedCount: number;
}) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const amountDraft = useCounterStore((s) => s.amountDraft);
  const amountTyped = useCounterStore((s) => s.amountTyped);
  const split = useCounterStore((s) => s.split);
  const splitReset = useCounterStore((s) => s.splitReset);
  const paymentId = useCounterStore((s) => s.paymentId);
  const paymentStarted = useCounterStore((s) => s.paymentStarted);
  const settings = useQuery(queries.settings(api));
  const [terminalId, setTerminalId] = useState<string | null>(null);
  const terminals = useQuery(queries.terminals(api));
  // A fresh counter has no default yet: the first terminal that is online is the sensible one.
  const chosenTerminal =
    terminalId ?? settings.data?.defaultTerminalId ?? terminals.data?.find((terminal) => terminal.online)?.id ?? null;
  const status = useQuery(queries.status(api));

  const start = useMutation({
    mutationFn: (input: MethodInput<'payments.start'>) => api.call('payments.start', input),
    onSuccess: (payment) => {
      queryClient.setQueryData(keys.payment(payment.id), payment);
      paymentStarted(payment.id);
    },
  });
  useEffect(() => {
    if (paymentId === null) start.reset();
  }, [paymentId, start.reset]);

  const fmt = (minor: number) => money(minor, currency);
  const shownAmount =
    amountDraft ??
    (selectedCount > 0 && isCurrencyCode(currency) ? formatAmountInput(selectedTotalMinor, currency, language) : '');

  let problem: string | null = null;
  if (plan.kind === 'amount_error') problem = t(`amount.${plan.error}`, { decimals: plan.decimals });
  if (plan.kind === 'allocation_error') {
    const { code, ...params } = plan.error;
    problem = describeError(t, fmt, code, params);
  }
  if (start.error) {
    const e = start.error;
    problem = e instanceof ClientError ? describeError(t, fmt, e.code, e.params) : t('error.internal');
  }

  const canPay =
    plan.kind === 'ready' &&
    chosenTerminal !== null &&
    paymentId === null &&
    !start.isPending &&
    !status.data?.recovering;

  const pay = () => {
    if (plan.kind !== 'ready' || !chosenTerminal) return;
    start.mutate({
      requestId: crypto.randomUUID(),
      customerId,
      invoiceIds: [...plan.invoiceIds],
      amount: { minor: plan.amountMinor, currency: plan.currency },
      split: Object.keys(split).length > 0 ? { ...split } : undefined,
      terminalId: chosenTerminal,
    });
  };

  // F9 pays from anywhere on the counter screen: scan, scan, F9.
  const payRef = useRef(pay);
  payRef.current = canPay ? pay : () => {};
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F9') return;
      event.preventDefault();
      payRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="pay-form"
      aria-label={t('pay.buttonIdle')}
      onSubmit={(e) => {
        e.preventDefault();
        pay();
      }}
    >
      <label className="field-label" htmlFor="pay-amount">
        {t('pay.amount')} ({currency})
      </label>
      <input
        id="pay-amount"
        className="amount-input"
        inputMode="decimal"
        autoComplete="off"
        value={shownAmount}
        aria-describedby="pay-amount-hint"
        aria-invalid={plan.kind === 'amount_error' || plan.kind === 'allocation_error'}
        onChange={(e) => {
          start.reset();
          amountTyped(e.target.value);
        }}
      />
      <p id="pay-amount-hint" className="muted small">
        {selectedCount > 0 ? `${t('invoices.selectedCount', { count: selectedCount })} · ` : ''}
        {t('pay.amountHint')}
      </p>
      {Object.keys(split).length > 0 && (
        <button type="button" className="link-button" onClick={splitReset}>
          {t('pay.resetSplit')}
        </button>
      )}
      <TerminalPicker value={chosenTerminal} onChange={setTerminalId} />
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {plan.kind === 'empty' && <p className="muted small">{t('pay.nothingSelected')}</p>}
      <button type="submit" className="pay-button" disabled={!canPay} aria-keyshortcuts="F9">
        {plan.kind === 'ready' ? t('pay.button', { amount: fmt(plan.amountMinor) }) : t('pay.buttonIdle')}
      </button>
    </form>
  );
}
