import type { RefundKind } from '../../../shared/api/schemas';
import type { Money } from '../../../shared/money/money';
import type { PendingPhase } from '../../../shared/payment/states';

export type TerminalKind = 'terminal' | 'softpos' | 'mobilepay' | 'pay_link' | 'on_file';

export interface TerminalInfo {
  readonly id: string;
  readonly name: string;
  /**
   * terminal/softpos: a card device; mobilepay: a request to the customer's phone; pay_link: a link
   * or QR the customer pays on their own device (Checkout.com); on_file: a card or bank account the
   * provider keeps for the customer (PayTrace), charged without the customer present.
   */
  readonly kind: TerminalKind;
  readonly online: boolean;
  /** The device can pay money back to a card. */
  readonly refunds: boolean;
  /** Pay. terminals: reached through Pay.'s cloud or directly over the shop LAN (PAY.ECR). */
  readonly connection?: 'cloud' | 'lan';
  /**
   * on_file terminals: what of the customer's on file it charges, so the counter offers it only to
   * customers who have one at this provider (PayTrace's card sale, its ACH/check sale).
   */
  readonly onFile?: 'card' | 'bank';
}

/** What the orchestrator may rely on; it never branches on a provider's name. */
export interface ProviderCapabilities {
  /** The provider can tell us about an attempt by our own reference (recovery after a crash mid-start). */
  readonly lookupByReference: boolean;
  /** abort: may still end paid; before_approval: refused once the customer approved; none. */
  readonly cancel: 'abort' | 'before_approval' | 'none';
  readonly pushesEvents: boolean;
  readonly idempotentStart: boolean;
  /** How often to ask for the status while a payment is pending. */
  readonly pollIntervalMs: number;
  /** The first status query waits this long (Vipps: 5 s; asking sooner only adds load). */
  readonly firstPollDelayMs: number;
  /** After an abort, how long to keep watching for a late approval (Pay.: a cancelled order can still turn PAID). */
  readonly lateApprovalWatchMs: number;
  readonly refunds: readonly RefundKind[];
  /** A refund whose answer was lost may be sent again under the same idempotency key (Vipps). */
  readonly idempotentRefunds: boolean;
  /** null: any currency Kassa handles. */
  readonly currencies: readonly string[] | null;
  /** An approved payment can be voided before it settles (same day): see `PaymentProvider.void`. */
  readonly voids: boolean;
}

export interface StartRequest {
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly amount: Money;
  readonly terminalId: string;
  readonly description: string;
  /** MobilePay: the customer's MSISDN. */
  readonly phone: string | null;
  /**
   * Pay links: shown at the counter (short expiry) or sent to pay later (long expiry). Absent for
   * other kinds.
   */
  readonly linkUse?: 'counter' | 'remote';
  /** The paying customer as the books know them (pay links, cards on file); absent when not needed. */
  readonly customer?: StartCustomer;
}

export interface StartCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  /** ISO 639-1, for the provider's page; null: the shop's language. */
  readonly language: string | null;
  /** The customer's id at providers that keep one, by provider id (PayTrace's customer id under 'paytrace'). */
  readonly providerCustomerIds: Readonly<Record<string, string>>;
}

export interface CardDetails {
  readonly brand: string;
  /** Last four digits only: Kassa never sees, stores or logs more. */
  readonly last4: string;
}

export type ProviderStatus = {
  readonly raw: string;
  /**
   * A "no" taken on a word that may still turn out wrong (a LAN terminal's, with no order at the
   * provider to confirm it): keep watching for a late approval, as after an abort.
   */
  readonly watchForLateApproval?: boolean;
} & (
  | { readonly kind: 'not_found' }
  | { readonly kind: 'pending'; readonly phase: PendingPhase }
  | {
      readonly kind: 'approved';
      readonly card: CardDetails | null;
      readonly slip?: readonly string[] | null;
      /** The provider's own id when it was not known before (a LAN payment confirmed in the cloud). */
      readonly providerRef?: string;
    }
  /**
   * The customer approved and the provider holds a reservation that Kassa must still capture (or
   * release) before anything counts as paid (Vipps). Capturing moves money, so the tracker does it as
   * a ledger step of its own (capture-step.ts); a status read never does.
   */
  | { readonly kind: 'authorized'; readonly capturableMinor: number }
  /** The provider took money but not as asked (Pay. -51: paid amount differs): a manager decides. */
  | {
      readonly kind: 'needs_review';
      readonly reason: string;
      /** What the provider says was actually paid, when it tells (Pay. -51). */
      readonly paidMinor?: number;
    }
  | { readonly kind: 'declined'; readonly reason: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'failed'; readonly reason: string }
);

/** Kassa's own reasons for a provider failure; stored as a payment's or refund's failure reason. */
export const PROVIDER_ERROR_CODES = [
  'not_configured',
  'unreachable',
  'no_answer',
  'answer_cut',
  'unreadable_answer',
  'not_found',
  'phone_required',
  'not_authorized',
  'no_order_id',
  'no_refund_id',
  'no_transaction',
  'not_approved',
  'terminal_required',
  'terminal_offline',
  'terminal_busy',
  'duplicate_reference',
  'terminal_not_on_lan',
  'terminal_refused',
  'terminal_silent',
  'terminal_unreachable',
  'response_lost',
  'provider_cannot_void',
  'token_unreadable',
  'no_customer_on_file',
  'currency_not_supported',
] as const;

/**
 * Why a provider call failed: one of Kassa's own codes, `http_<status>` for an answer without a code
 * of the provider's, `token_<status>` for a refused access token, `lookup_<code>` for a failed read
 * made before a money-moving request, or the provider's own code as it sent it (`PAY-3002`).
 */
export type ProviderErrorCode =
  | (typeof PROVIDER_ERROR_CODES)[number]
  | `http_${number}`
  | `token_${number}`
  | `lookup_${string}`
  | ProviderOwnCode;

/** A code in the provider's own words, e.g. Pay.'s `PAY-3002`: upper-case letters, a dash, digits. */
export type ProviderOwnCode = `${Uppercase<string>}-${number}`;

export type ProviderFailureKind = 'outcome_unknown' | 'refused';

/**
 * `outcome_unknown`: the request may or may not have taken effect (timeout, connection lost after
 * sending) — resolve it with a status query, never by sending again.
 * `refused`: the provider definitely did not act on it.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly kind: ProviderFailureKind;
  readonly code: ProviderErrorCode;

  constructor(kind: ProviderFailureKind, code: ProviderErrorCode, message: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

export interface AttemptRef {
  readonly reference: string;
  readonly providerRef: string | null;
  readonly terminalId: string;
  readonly idempotencyKey: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly phone: string | null;
}

export interface RefundRequest {
  readonly payment: AttemptRef;
  readonly refundId: string;
  readonly idempotencyKey: string;
  readonly kind: RefundKind;
  readonly amount: Money;
  readonly terminalId: string | null;
  readonly description: string;
}

export interface CaptureRequest {
  readonly amountMinor: number;
  readonly idempotencyKey: string;
}

export type RefundState = 'pending' | 'succeeded' | 'failed';

export interface RefundAnswer {
  readonly providerRef: string | null;
  readonly state: RefundState;
  readonly reason?: string;
}

/** What a start answers: the provider's id, and for pay links where the customer pays and until when. */
export interface StartAnswer {
  readonly providerRef: string;
  readonly payLink?: { readonly url: string; readonly expiresAt: string | null };
}

export interface PaymentProvider {
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  listTerminals(): Promise<TerminalInfo[]>;
  start(request: StartRequest): Promise<StartAnswer>;
  status(attempt: AttemptRef): Promise<ProviderStatus>;
  cancel(attempt: AttemptRef): Promise<'accepted' | 'too_late'>;
  /** Throws ProviderError like start: refused means no money moved, outcome_unknown means ask again. */
  refund?(request: RefundRequest): Promise<RefundAnswer>;
  /**
   * Same-day void: undo an approved payment before it settles (Pay. void, an uncaptured Vipps
   * reservation cancelled). Throws ProviderError like start: refused means nothing changed,
   * outcome_unknown means ask again (status) before anything else. `too_late`: already settled or
   * captured, so the screen offers a refund instead.
   */
  void?(attempt: AttemptRef): Promise<'voided' | 'too_late'>;
  /**
   * Takes a reservation the status reported as `authorized`, under the key given (the same on every
   * retry). Throws ProviderError like start. Answers the payment's status after the capture.
   */
  capture?(attempt: AttemptRef, request: CaptureRequest): Promise<ProviderStatus>;
  /** Terminal refunds wait for the customer's card; this says where one is. */
  refundStatus?(request: RefundRequest, providerRef: string): Promise<RefundAnswer>;
  /**
   * Providers that void before the batch settles and refund after it (PayTrace) say which applies,
   * as far as they know without asking; null: not known (then the same-day rule decides).
   */
  settledState?(attempt: AttemptRef): 'unsettled' | 'settled' | null;
}
