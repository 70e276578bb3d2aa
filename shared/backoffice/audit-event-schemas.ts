import { z } from 'zod';

/**
 * One row of a counter's append-only, hash-chained audit trail (docs/adr/0016-audit-trail.md), as
 * stored: `beforeJson`/`afterJson` are the stored JSON text, so the back-office can recompute `hash`
 * as SHA-256 over the canonical form (shared/audit/audit-canonical.ts) and check the links.
 * `chainId` names the chain the row belongs to (made with the counter's database, migration 0230):
 * the back-office keeps rows per station + chain + seq, so a reinstalled counter's new chain sits
 * beside the old one. It is not part of the hash. Absent: a row from a counter before chain ids (or
 * queued before its upgrade), kept in the station's one chain without an id.
 */
export const BoAuditEvent = z
  .object({
    chainId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional()
      .describe(
        "The chain the row belongs to, made with the counter's database; not part of the hash. Absent: a counter from before chain ids.",
      ),
    seq: z.number().int().positive(),
    at: z.string().max(40),
    station: z.string().min(1).max(32),
    actorId: z.string().max(64).nullable(),
    actorName: z.string().max(200).nullable(),
    actorRole: z.string().max(32).nullable(),
    approverId: z.string().max(64).nullable(),
    approverName: z.string().max(200).nullable(),
    action: z.string().min(1).max(100),
    subjectKind: z.string().max(40).nullable(),
    subjectId: z.string().max(100).nullable(),
    beforeJson: z.string().max(100_000).nullable(),
    afterJson: z.string().max(100_000).nullable(),
    note: z.string().max(2_000).nullable(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
  .meta({ id: 'AuditEvent' });
export type BoAuditEvent = z.infer<typeof BoAuditEvent>;
