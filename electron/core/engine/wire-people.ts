import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { createPeopleService, DEFAULT_IDLE_LOCK_MINUTES } from '../people/people-service';
import { createUsersPull } from '../people/pull-users';
import { createUserAdmin } from '../people/user-admin';
import { createUserRepository } from '../people/user-repository';
import type { Repositories } from './open-repositories';

/**
 * People (issue 12): the users table, this station's session and the manager's approvals, the
 * users screen's changes, and the pull of the back-office's users. `audit` is the audit trail's
 * append (optional until it is wired); the dispatch calls `people.authorize` before every handler.
 */
export function wirePeople(deps: {
  db: Db;
  repos: Repositories;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
  audit?: AuditAppend;
  idleLockDefaultMinutes?: number | null;
}) {
  const users = createUserRepository(deps.db);
  const people = createPeopleService({
    users,
    settings: deps.repos.settings,
    clock: deps.clock,
    idleLockDefaultMinutes:
      deps.idleLockDefaultMinutes === undefined ? DEFAULT_IDLE_LOCK_MINUTES : deps.idleLockDefaultMinutes,
  });
  const userAdmin = createUserAdmin({
    db: deps.db,
    users,
    settings: deps.repos.settings,
    people,
    clock: deps.clock,
    audit: deps.audit,
  });
  const pullUsers = createUsersPull({ db: deps.db, users, clock: deps.clock, log: deps.log });
  return { users, people, userAdmin, pullUsers };
}

export type PeopleParts = ReturnType<typeof wirePeople>;
