import type { PaymentDto } from '../../../../shared/api/schemas';
import type { VoidService } from '../../payments/void-service';
import type { PaymentRow } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';

export interface VoidHandlerDeps {
  voids: VoidService;
  toDto: (row: PaymentRow) => PaymentDto;
}

/** Same-day voids of an approved payment. */
export function createVoidHandlers(deps: VoidHandlerDeps): HandlerMap<'payments.void'> {
  const { voids, toDto } = deps;
  return {
    async 'payments.void'(input) {
      return toDto(await voids.void(input));
    },
  };
}
