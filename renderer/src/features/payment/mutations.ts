import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../shared/api/contract';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { useApi } from '../../api/api-context';
import { rememberPayment, rememberPaymentAndTrail } from '../../api/cache';
import { keys } from '../../api/queries';
import { useCounterStore } from '../../state/counter-store';

/**
 * One hook per thing a cashier or manager does to a payment. Each writes the answer into the cache
 * through api/cache.ts, so every screen that shows the payment sees it at once.
 */

/** Pay: starts a payment and puts it on screen; "Try again" repeats what was sent. */
export function useStartPayment() {
  const api = useApi();
  const queryClient = useQueryClient();
  const paymentStarted = useCounterStore((s) => s.paymentStarted);
  return useMutation({
    mutationFn: (input: MethodInput<'payments.start'>) => api.call('payments.start', input),
    onSuccess: (payment, input) => {
      rememberPayment(queryClient, payment);
      const { requestId: _requestId, ...again } = input;
      paymentStarted(payment.id, again);
    },
  });
}

/** "Try again" after a decline, cancel or timeout: the last Pay, as a new attempt. */
export function useRetryPayment() {
  const start = useStartPayment();
  const lastStart = useCounterStore((s) => s.lastStart);
  return {
    ...start,
    mutate: () => {
      if (lastStart) start.mutate({ ...lastStart, requestId: crypto.randomUUID() });
    },
  };
}

/** Cancel pressed while "Pay" is still on its way: by the Pay's request id, the only id the screen has yet. */
export function useCancelStart() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => api.call('payments.cancelStart', { requestId }),
    onSuccess: (payment) => {
      if (payment) rememberPayment(queryClient, payment);
    },
  });
}

export function useCancelPayment(paymentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('payments.cancel', { paymentId }),
    onSuccess: (payment) => rememberPayment(queryClient, payment),
  });
}

/** Paid after the cashier cancelled: keep the money instead of refunding it. */
export function useKeepPayment(paymentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('payments.keep', { paymentId }),
    onSuccess: (payment) => rememberPayment(queryClient, payment),
  });
}

export type RefundRequest = Omit<MethodInput<'payments.refund'>, 'requestId'>;

/** A refund, each under its own request id. */
export function useRefundPayment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RefundRequest) => api.call('payments.refund', { requestId: crypto.randomUUID(), ...request }),
    onSuccess: (payment) => rememberPayment(queryClient, payment),
  });
}

/** Paid after cancel: give back everything not refunded yet, online. */
export function useRefundRemainder() {
  const refund = useRefundPayment();
  return {
    ...refund,
    mutate: (p: PaymentDto) =>
      refund.mutate({
        paymentId: p.id,
        amount: { minor: p.amount.minor - p.refundedMinor, currency: p.amount.currency },
        kind: 'online',
        reason: 'Cancelled at the counter',
      }),
  };
}

/** Same-day void. The request id comes from the confirm dialog, so a double click voids once. */
export function useVoidPayment(paymentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, note }: { requestId: string; note: string }) =>
      api.call('payments.void', { requestId, paymentId, note }),
    onSuccess: (payment) => rememberPaymentAndTrail(queryClient, payment),
    // The void may have reached the provider: show what the core knows now.
    onError: () => void queryClient.invalidateQueries({ queryKey: keys.payment(paymentId) }),
  });
}

/** Unknown outcome: ask the provider again. */
export function useCheckPayment(paymentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('payments.check', { paymentId }),
    onSuccess: (payment) => rememberPaymentAndTrail(queryClient, payment),
  });
}

/** Unknown outcome: a manager's decision, with a note, as the evidence. */
export function useResolvePayment(paymentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ outcome, note }: { outcome: 'approved' | 'failed'; note: string }) =>
      api.call('payments.resolve', { paymentId, outcome, note }),
    onSuccess: (payment) => rememberPaymentAndTrail(queryClient, payment),
  });
}

/** A refund whose answer was lost: send it again. */
export function useRetryRefund(refundId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('refunds.retry', { refundId }),
    onSuccess: (payment) => rememberPaymentAndTrail(queryClient, payment),
  });
}

/** A refund whose answer was lost: record what the provider's portal shows. */
export function useDecideRefund(refundId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ outcome, note }: { outcome: 'succeeded' | 'failed'; note: string }) =>
      api.call('refunds.decide', { refundId, outcome, note }),
    onSuccess: (payment) => rememberPaymentAndTrail(queryClient, payment),
  });
}

/** The counter remembers the terminal chosen last as its default. */
export function useSetDefaultTerminal() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (terminalId: string) => api.call('counter.setDefaultTerminal', { terminalId }),
    onSuccess: (settings) => queryClient.setQueryData(keys.settings, settings),
  });
}
