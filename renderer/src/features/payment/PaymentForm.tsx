import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isCurrencyCode } from '../../../../shared/money/currency';
import { formatAmountInput } from '../../../../shared/money/format';
import { normalizeMobilePayPhone } from '../../../../shared/payment/phone';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { describeError, describeFailure } from '../../i18n/describe-error';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import type { PaymentPlan } from '../../state/use-payment-plan';
import { PayLinkChoice, PayLinkSentNotice } from '../paylink/PayLinkChoice';
import { usePayLinkStore } from '../paylink/paylink-store';
import { usePayLinkChoice } from '../paylink/use-paylink-choice';
import { useCancelStart, useStartPayment } from './mutations';
import { OnFileConfirm } from './OnFileConfirm';
import { TerminalPicker } from './TerminalPicker';
import { terminalChoices } from './terminal-choices';

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
  const amountDraft = useCounterStore((s) => s.amountDraft);
  const amountTyped = useCounterStore((s) => s.amountTyped);
  const split = useCounterStore((s) => s.split);
  const splitReset = useCounterStore((s) => s.splitReset);
  const paymentId = useCounterStore((s) => s.paymentId);
  const settings = useQuery(queries.settings(api));
  const [terminalId, setTerminalId] = useState<string | null>(null);
  const terminals = useQuery(queries.terminals(api));
  const status = useQuery(queries.status(api));
  const customer = useQuery(queries.customer(api, customerId));
  // Only what can take this customer's payment: their currency, and a card on file only if they have one.
  const choices = terminalChoices(terminals.data ?? [], { currency, onFile: customer.data?.onFile });
  const offered = (id: string | null | undefined) => choices.find((choice) => choice.terminal.id === id);
  // A fresh counter has no default yet: the first terminal that is online is the sensible one. A card
  // on file is never picked for the cashier: charging it is a choice made for this customer.
  const chosenTerminal =
    offered(terminalId)?.terminal.id ??
    offered(settings.data?.defaultTerminalId)?.terminal.id ??
    choices.find((choice) => choice.terminal.online && choice.terminal.kind !== 'on_file')?.terminal.id ??
    null;
  const chosen = offered(chosenTerminal) ?? null;
  const terminal = chosen?.terminal ?? null;
  // Charging what is on file waits for the cashier's confirmation of this amount on this terminal.
  const [confirming, setConfirming] = useState<string | null>(null);
  const mobilePay = terminal?.kind === 'mobilepay';
  // Pay links (Checkout.com): a QR shown here, or the link e-mailed so the customer pays later.
  const payLink = terminal?.kind === 'pay_link';
  const link = usePayLinkChoice(customerId);
  const clearLinkNotice = usePayLinkStore((s) => s.clearNotice);
  // Prefilled from the customer record when it is a usable MobilePay number; the cashier confirms or edits it.
  const [phoneDraft, setPhoneDraft] = useState<string | null>(null);
  const customerPhone = customer.data?.phone ?? '';
  const phone = phoneDraft ?? (normalizeMobilePayPhone(customerPhone).ok ? customerPhone : '');
  useEffect(() => {
    if (customerId) setPhoneDraft(null);
  }, [customerId]);

  const start = useStartPayment();
  const cancelStart = useCancelStart();
  const pendingRequest = useRef<string | null>(null);
  useEffect(() => {
    if (paymentId === null) start.reset();
  }, [paymentId, start.reset]);

  // No back-office to ask: the invoice hold cannot be taken, so another counter could be paying the
  // same invoices. The cashier is told before charging (the attempt records it too).
  const otherCountersUnchecked = status.data?.sync.configured === false || status.data?.sync.online === false;
  const fmt = (minor: number) => money(minor, currency);
  const shownAmount =
    amountDraft ??
    (selectedCount > 0 && isCurrencyCode(currency) ? formatAmountInput(selectedTotalMinor, currency, language) : '');

  let problem: string | null = null;
  if (plan.kind === 'amount_error') problem = t(plan.problem.key, plan.problem.params);
  if (plan.kind === 'allocation_error') {
    const { code, ...params } = plan.error;
    problem = describeError(t, fmt, code, params);
  }
  if (start.error) problem = describeFailure(t, fmt, start.error);

  const canPay =
    plan.kind === 'ready' &&
    chosenTerminal !== null &&
    (!mobilePay || phone.trim() !== '') &&
    (!payLink || link.ready) &&
    paymentId === null &&
    !start.isPending &&
    !status.data?.recovering;

  const confirmKey = plan.kind === 'ready' ? `${chosenTerminal}:${plan.amountMinor}` : null;
  // Pay (the button, Enter, F9) on a card on file only asks for the confirmation: a second F9
  // never charges; the cashier presses Charge in the confirmation.
  const pay = () => {
    if (plan.kind !== 'ready' || !chosenTerminal) return;
    if (chosen?.onFile) setConfirming(confirmKey);
    else charge();
  };
  const charge = () => {
    if (plan.kind !== 'ready' || !chosenTerminal) return;
    setConfirming(null);
    const requestId = crypto.randomUUID();
    pendingRequest.current = requestId;
    clearLinkNotice();
    start.mutate(
      {
        requestId,
        customerId,
        invoiceIds: [...plan.invoiceIds],
        amount: { minor: plan.amountMinor, currency: plan.currency },
        split: Object.keys(split).length > 0 ? { ...split } : undefined,
        terminalId: chosenTerminal,
        ...(mobilePay ? { phone } : {}),
        ...(payLink ? { linkUse: link.use } : {}),
      },
      { onSuccess: (payment) => void link.afterStart(payment) },
    );
  };

  // Cancel (or Escape) while Pay is still on its way: the core aborts as soon as the terminal has the
  // payment, or never sends it at all.
  const cancelWhileSending = () => {
    if (start.isPending && pendingRequest.current) cancelStart.mutate(pendingRequest.current);
  };
  const cancelRef = useRef(cancelWhileSending);
  cancelRef.current = cancelWhileSending;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancelRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
      <TerminalPicker choices={choices} value={chosenTerminal} onChange={setTerminalId} />
      {payLink && <PayLinkChoice choice={link} onChange={start.reset} />}
      {mobilePay && (
        <>
          <label className="field-label" htmlFor="pay-phone">
            {t('pay.phone')}
          </label>
          <input
            id="pay-phone"
            className="amount-input phone-input"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={phone}
            aria-describedby="pay-phone-hint"
            onChange={(e) => {
              start.reset();
              setPhoneDraft(e.target.value);
            }}
          />
          <p id="pay-phone-hint" className="muted small">
            {t('pay.phoneHint')}
          </p>
        </>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {plan.kind === 'empty' && <p className="muted small">{t('pay.nothingSelected')}</p>}
      <PayLinkSentNotice />
      {otherCountersUnchecked && (
        <p className="notice small" role="status" data-testid="other-counters-unchecked">
          {t('pay.otherCountersUnchecked')}
        </p>
      )}
      {start.isPending && (
        <div className="sending" role="status">
          <span>{t('pay.sending')}</span>
          <button
            type="button"
            className="cancel-button"
            aria-keyshortcuts="Escape"
            disabled={cancelStart.isPending}
            onClick={cancelWhileSending}
          >
            {t('action.cancel')}
          </button>
        </div>
      )}
      {chosen?.onFile && plan.kind === 'ready' && confirming === confirmKey && canPay ? (
        <OnFileConfirm
          choice={chosen}
          customerName={customer.data?.name ?? ''}
          amount={fmt(plan.amountMinor)}
          onCharge={charge}
          onBack={() => setConfirming(null)}
        />
      ) : (
        <button type="submit" className="pay-button" disabled={!canPay} aria-keyshortcuts="F9">
          {plan.kind !== 'ready'
            ? t('pay.buttonIdle')
            : mobilePay
              ? t('pay.buttonMobilePay', { amount: fmt(plan.amountMinor) })
              : chosen?.onFile
                ? t('paytrace.payButton', { amount: fmt(plan.amountMinor) })
                : payLink
                  ? t(link.use === 'remote' ? 'paylink.buttonRemote' : 'paylink.buttonCounter', {
                      amount: fmt(plan.amountMinor),
                    })
                  : t('pay.button', { amount: fmt(plan.amountMinor) })}
        </button>
      )}
    </form>
  );
}
