import { z } from 'zod';

/**
 * `GET /v1/users` (issue 12): the shop's people as the back-office knows them. Each comes with a
 * PIN hash in Kassa's format (`scrypt$N$r$p$<salt base64>$<hash base64>`), or with an enrolment code
 * they type once at the counter to choose their own PIN. A back-office that has no users answers
 * 404 or an empty list; the counter's manager then creates users locally.
 */
export const BoUser = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    role: z.enum(['cashier', 'manager', 'owner']),
    pinHash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
      .max(300)
      .optional()
      .describe('scrypt$N$r$p$salt$hash, salt and hash in base64; N a power of two up to 2^20, r ≤ 16, p ≤ 4.'),
    enrolmentCode: z
      .string()
      .min(4)
      .max(64)
      .optional()
      .describe('One-time code for setting the PIN at the counter; ignored once the person has a PIN there.'),
  })
  .refine((user) => (user.pinHash === undefined) !== (user.enrolmentCode === undefined), {
    message: 'a user has either a pinHash or an enrolmentCode',
  })
  .meta({ id: 'User' });
export type BoUser = z.infer<typeof BoUser>;

export const UserList = z
  .object({ items: z.array(BoUser).max(1_000).describe('Every active user; one missing is no longer active.') })
  .meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;
