import { z } from 'zod';

/** Issue 12: the append-only, hash-chained audit trail, for a manager to read and check. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AuditPerson = z.object({ id: z.string(), name: z.string(), role: z.string().nullable() });

export const AuditEventDto = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  station: z.string(),
  /** Null: the system acted (recovery, polling, a provider's call). */
  actor: AuditPerson.nullable(),
  /** The manager who approved this one action on the cashier's screen. */
  approver: AuditPerson.omit({ role: true }).nullable(),
  action: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }).nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  note: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const AuditListInput = z
  .object({
    /** A person's id or part of their name, as actor or approver. */
    person: z.string().trim().max(100).optional(),
    /** An action (`payment.refund`), or a prefix ending in a dot (`settings.`). */
    action: z.string().trim().max(100).optional(),
    /** Local calendar days, inclusive. */
    from: Day.optional(),
    to: Day.optional(),
    /** A payment's (or any subject's) id: rows about it, and rows that name it. */
    subjectId: z.string().trim().max(64).optional(),
    /** Paging, newest first: rows with a seq below this. */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditListInput = z.input<typeof AuditListInput>;

export const AuditPage = z.object({
  items: z.array(AuditEventDto),
  /** Pass as `beforeSeq` for the next (older) page; null at the end. */
  nextBeforeSeq: z.number().int().nullable(),
  /** Every action in the trail, for the filter. */
  actions: z.array(z.string()),
  /** Rows not yet acknowledged by the back-office (waiting or held): the counter's only copy so far. */
  notDelivered: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AUDIT_BREAKS = ['edited', 'deleted', 'relinked', 'head_mismatch', 'guards_removed'] as const;

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Rows checked. */
  checked: z.number().int().nonnegative(),
  /** The first seq where the chain breaks (for head_mismatch: the first missing seq). */
  brokenAt: z.number().int().nullable(),
  reason: z.enum(AUDIT_BREAKS).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const auditContract = {
  /** The trail, newest first, filtered. */
  'audit.list': { input: AuditListInput, output: AuditPage },
  /** Re-checks every row's hash and the chain's links and head. */
  'audit.verify': { input: z.object({}).strict(), output: AuditVerification },
} as const;
