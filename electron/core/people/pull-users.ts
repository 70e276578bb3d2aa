import { createHash } from 'node:crypto';
import type { BoUser } from '../../../shared/backoffice/user-schemas';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { type BackofficeClient, SyncError } from '../sync/backoffice-client';
import { hashSecret, isPinHash } from './pin-hash';
import type { UserRepository } from './user-repository';

/**
 * Brings the back-office's users in (`GET /v1/users`), all in one transaction: new and changed
 * users are written, back-office users no longer listed are deactivated. Users made at the counter
 * are left alone. A back-office without the endpoint (404) supplies no users. An enrolment code
 * is stored only as a hash; the fingerprint below only spares re-hashing an unchanged code on
 * every pull (it is never stored).
 */
export function createUsersPull(deps: {
  db: Db;
  users: UserRepository;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, users } = deps;
  const seenCodes = new Map<string, string>();
  const fingerprint = (code: string) => createHash('sha256').update(code).digest('base64');

  async function codeHashFor(user: BoUser): Promise<string | null> {
    if (!user.enrolmentCode) return null;
    const stored = users.get(user.id);
    if (stored?.pinHash) return null; // they chose their PIN already: the code is spent
    if (stored?.enrolmentCodeHash && seenCodes.get(user.id) === fingerprint(user.enrolmentCode)) {
      return stored.enrolmentCodeHash;
    }
    seenCodes.set(user.id, fingerprint(user.enrolmentCode));
    return hashSecret(user.enrolmentCode);
  }

  return async function pullUsers(client: BackofficeClient): Promise<void> {
    let listed: BoUser[];
    try {
      listed = (await client.pullUsers()).items;
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'client' && error.problem?.status === 404) return;
      throw error;
    }
    const prepared: { user: BoUser; pinHash: string | null; codeHash: string | null }[] = [];
    for (const user of listed) {
      if (user.pinHash && !isPinHash(user.pinHash)) {
        deps.log(`back-office user ${user.id}: PIN hash not in a usable scrypt form, skipped`);
        continue;
      }
      prepared.push({ user, pinHash: user.pinHash ?? null, codeHash: await codeHashFor(user) });
    }
    const now = deps.clock.now().toISOString();
    db.transaction(() => {
      const still = new Set(prepared.map((p) => p.user.id));
      for (const { user, pinHash, codeHash } of prepared) {
        const stored = users.get(user.id);
        const unchanged =
          stored?.active &&
          stored.name === user.name &&
          stored.role === user.role &&
          (pinHash === null || stored.pinHash === pinHash) &&
          (codeHash === null || stored.enrolmentCodeHash === codeHash);
        if (unchanged) continue;
        if (!stored && !pinHash && !codeHash) continue;
        users.upsertFromBackoffice(
          { id: user.id, name: user.name, role: user.role, pinHash, enrolmentCodeHash: codeHash },
          now,
        );
      }
      for (const id of users.activeBackofficeIds()) if (!still.has(id)) users.setActive(id, false, now);
    }).immediate();
  };
}
