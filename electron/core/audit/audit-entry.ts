/**
 * One money-relevant action or settings change, as the code that makes the change describes it.
 * The audit trail adds who (the acting person and approving manager, from `currentActing()`), the
 * station, the time and the hash chain. Call `AuditAppend` INSIDE the database transaction that
 * makes the change, so the change and its audit row are committed together or not at all.
 */
export interface AuditEntry {
  /** What was done, dotted and stable: `payment.refund`, `payment.void`, `settings.provider.save`, `user.create`, `day.close`… */
  readonly action: string;
  /** What it was done to, when it is one thing: a payment, a refund, a user, a provider's settings. */
  readonly subject: { readonly kind: string; readonly id: string } | null;
  /** The fields that matter, before and after (never a secret, PIN or card number: say "changed" instead). */
  readonly before?: Readonly<Record<string, unknown>> | null;
  readonly after?: Readonly<Record<string, unknown>> | null;
  /** The person's note (a manager's reason), if any. */
  readonly note?: string | null;
}

/** Appends one audit row; throws if it cannot (and so rolls back the change it belongs to). */
export type AuditAppend = (entry: AuditEntry) => void;
