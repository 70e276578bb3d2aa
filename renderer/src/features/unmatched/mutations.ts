import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { rememberPayment } from '../../api/cache';
import { keys } from '../../api/queries';

/** Money taken without Kassa, assigned to a customer's invoices: it becomes a payment. */
export function useAssignUnmatched() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { unmatchedId: string; customerId: string; invoiceIds: string[] }) =>
      api.call('unmatched.assign', input),
    onSuccess: (payment) => {
      rememberPayment(queryClient, payment);
      void queryClient.invalidateQueries({ queryKey: keys.unmatched });
    },
  });
}
