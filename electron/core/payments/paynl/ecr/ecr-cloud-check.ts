import type { AttemptRef, ProviderStatus } from '../../provider';
import type { PayOrder } from '../paynl-schemas';
import { mapPayStatus } from '../paynl-status';

/** What Kassa knows about Pay. ids outside this attempt; wired to the store by the engine. */
export interface LanOrderGuard {
  /**
   * Who else holds one of these Pay. ids: another payment (by its reference) or a device payment
   * waiting to be assigned. Null when nobody but the attempt with `reference` does.
   */
  ownerOf(ids: readonly string[], reference: string): string | null;
  /** Evidence in the payment's trail (payment_events), without a state change. */
  note(reference: string, event: string, detail: Record<string, unknown>): void;
}

/** Reasons an order named by a LAN terminal is not this attempt's own. */
export type OrderRefusal = 'reference_differs' | 'amount_differs' | 'currency_differs' | `belongs_to ${string}`;

/**
 * Takes an order id a PAY.ECR terminal named (in an event or its history) to Pay.'s cloud. The
 * terminal is not trusted: the order must carry this attempt's reference, amount and currency and be
 * no other payment's, or it is refused (evidence noted, the attempt left for Pay.'s word or a manager).
 * Then Pay.'s status decides, whatever the terminal said.
 */
export function createEcrCloudCheck(deps: { cloudOrder(orderId: string): Promise<PayOrder>; guard?: LanOrderGuard }) {
  // One note per refused order and attempt: the status loop asks again every few seconds.
  const noted = new Set<string>();

  function refusalOf(order: PayOrder, attempt: AttemptRef, namedId: string): OrderRefusal | null {
    const ids = [order.id, order.orderId, namedId].filter((id): id is string => Boolean(id));
    const owner = deps.guard?.ownerOf(ids, attempt.reference) ?? null;
    if (owner) return `belongs_to ${owner}`;
    if (order.reference !== attempt.reference) return 'reference_differs';
    if (order.amount?.value !== attempt.amountMinor) return 'amount_differs';
    if ((order.amount?.currency ?? '').toUpperCase() !== attempt.currency.toUpperCase()) return 'currency_differs';
    return null;
  }

  function refuse(
    attempt: AttemptRef,
    namedId: string,
    terminalSaid: string,
    refusal: OrderRefusal,
    order: PayOrder | null,
  ): ProviderStatus {
    const key = `${attempt.reference} ${namedId}`;
    if (!noted.has(key)) {
      noted.add(key);
      deps.guard?.note(attempt.reference, 'lan_order_refused', {
        terminalSaid,
        namedOrder: namedId,
        refused: refusal,
        payOrder: order && {
          id: order.id,
          orderId: order.orderId ?? null,
          reference: order.reference ?? null,
          amountMinor: order.amount?.value ?? null,
          currency: order.amount?.currency ?? null,
          status: `${order.status.code}${order.status.action ? ` ${order.status.action}` : ''}`,
        },
      });
    }
    // Not this attempt's order: its outcome is unknown until Pay. names it (exchange) or a manager decides.
    return { kind: 'needs_review', reason: 'lan_order_not_ours', raw: `LAN order ${namedId} refused: ${refusal}` };
  }

  return {
    /**
     * Pay.'s answer for the order the terminal named. `terminalSaid` is the terminal's own word (raw),
     * kept with the evidence. Approved only on Pay.'s PAID for an order that is this attempt's own.
     */
    async confirm(attempt: AttemptRef, namedId: string, terminalSaid: string): Promise<ProviderStatus> {
      // Known locally as someone else's: refused without asking Pay. (which may be unreachable).
      const taken = deps.guard?.ownerOf([namedId], attempt.reference) ?? null;
      if (taken) return refuse(attempt, namedId, terminalSaid, `belongs_to ${taken}`, null);
      const order = await deps.cloudOrder(namedId);
      const refusal = refusalOf(order, attempt, namedId);
      if (refusal) return refuse(attempt, namedId, terminalSaid, refusal, order);
      const status = mapPayStatus(order.status.code, order.status.action, order);
      if (status.kind === 'approved') return { ...status, providerRef: order.id };
      // The terminal said something Pay. does not (yet) confirm: keep waiting, never decide on its word.
      if (status.kind === 'pending')
        return { kind: 'pending', phase: 'processing', raw: `${terminalSaid}; Pay. ${status.raw}` };
      return { ...status, raw: `Pay. ${status.raw} (${terminalSaid})` };
    },
  };
}

export type EcrCloudCheck = ReturnType<typeof createEcrCloudCheck>;
