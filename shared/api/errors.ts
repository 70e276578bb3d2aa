/**
 * Every refusal the core can give, as a code the renderer translates into the cashier's language.
 * `params` carry the numbers a message needs (amounts in minor units, invoice numbers).
 */
export const API_ERROR_CODES = [
  'invalid_request',
  'unknown_method',
  'unauthorized',
  'not_found',
  'internal',
  'recovery_in_progress',
  'amount_not_positive',
  'amount_exceeds_outstanding',
  'no_invoices',
  'invoice_already_paid',
  'invoice_not_of_customer',
  'invoice_reserved',
  'invoice_held_elsewhere',
  'wrong_currency',
  'unsupported_currency',
  'split_unknown_invoice',
  'split_negative',
  'split_exceeds_invoice',
  'split_does_not_match_amount',
  'terminal_unknown',
  'terminal_offline',
  'terminal_busy',
  'request_reused',
  'cannot_cancel',
  'paylink_not_open',
  'backoffice_from_environment',
  'providers_from_environment',
  'phone_required',
  'phone_invalid',
  'phone_country',
  'currency_not_supported_by_provider',
  'cannot_refund',
  'refund_exceeds_paid',
  'refund_kind_unavailable',
  'refund_failed',
  'cannot_keep',
  'unmatched_already_assigned',
  'provider_refused',
  'cannot_resolve',
  'cannot_retry_refund',
  'cannot_void',
  'void_too_late',
  'void_failed',
  'backoffice_switch_blocked',
  'printer_not_set_up',
  'mail_not_set_up',
  'smtp_from_environment',
  'job_not_actionable',
  // People (issue 12)
  'sign_in_required',
  'session_locked',
  'manager_required',
  'owner_required',
  'pin_wrong',
  'user_locked_out',
  'user_inactive',
  'enrolment_required',
  'enrolment_code_wrong',
  'users_exist',
  'user_from_backoffice',
  'cannot_deactivate_self',
  'approval_not_needed',
  'day_closed',
  'day_close_blocked',
  'day_not_open',
  'day_already_open',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Thrown by the core, carried over either transport, rethrown in the renderer. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: ApiErrorCode, message: string, params: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.params = params;
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, params: this.params };
  }
}

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiErrorBody };
