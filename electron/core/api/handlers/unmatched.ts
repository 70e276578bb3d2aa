import type { AssignUnmatchedInput, PaymentDto } from '../../../../shared/api/schemas';
import type { Applied } from '../../payments/payment-ledger';
import type { PaymentRow } from '../../repositories/payments';
import { toUnmatchedDto, type UnmatchedRepository } from '../../repositories/unmatched';
import type { HandlerMap } from './handler-map';

export interface UnmatchedHandlerDeps {
  unmatched: UnmatchedRepository;
  assignUnmatched: (input: AssignUnmatchedInput) => PaymentRow;
  toDto: (row: PaymentRow) => PaymentDto;
  onApplied: (applied: Applied) => void;
  onUnmatchedChanged: () => void;
}

/** Payments taken on a device without a Kassa reference, waiting to be assigned to a customer's invoices. */
export function createUnmatchedHandlers(deps: UnmatchedHandlerDeps): HandlerMap<'unmatched.list' | 'unmatched.assign'> {
  const { unmatched, toDto } = deps;
  return {
    async 'unmatched.list'() {
      return unmatched.open().map(toUnmatchedDto);
    },

    async 'unmatched.assign'(input) {
      const settled = deps.assignUnmatched(input);
      deps.onUnmatchedChanged();
      deps.onApplied({
        transition: { kind: 'moved', state: settled },
        payment: settled,
      });
      return toDto(settled);
    },
  };
}
