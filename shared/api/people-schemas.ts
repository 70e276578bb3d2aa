import { z } from 'zod';
import { Id } from './primitives';
import { ROLES } from './roles';

/**
 * Issue 12: the people at the counter, their PIN sign-in and the manager's approval of one action.
 * No schema here has a field for a PIN hash or an enrolment code's hash: they never leave the core.
 */
const NoInput = z.object({}).strict();
export const Pin = z.string().regex(/^\d{4,6}$/, 'a PIN is 4 to 6 digits');
const Name = z.string().trim().min(1).max(100);
export const RoleDto = z.enum(ROLES);

/** A tile on the sign-in screen. */
export const PersonTile = z.object({
  id: Id,
  name: z.string(),
  role: RoleDto,
  /** Too many wrong PINs: a manager must unlock them first. */
  lockedOut: z.boolean(),
  /** Announced by the back-office with an enrolment code: they set their PIN first. */
  needsEnrolment: z.boolean(),
});
export type PersonTile = z.infer<typeof PersonTile>;

/** A row of the manager's users screen. */
export const UserAdminRow = PersonTile.extend({
  active: z.boolean(),
  source: z.enum(['backoffice', 'local']),
});
export type UserAdminRow = z.infer<typeof UserAdminRow>;

export const SessionUser = z.object({ id: Id, name: z.string(), role: RoleDto });
export type SessionUser = z.infer<typeof SessionUser>;

/** This station's session: who is signed in, whether the screen is locked, and the idle lock. */
export const PeopleSession = z.object({
  user: SessionUser.nullable(),
  locked: z.boolean(),
  /** Minutes without activity before the station locks itself; null: never. */
  idleLockMinutes: z.number().int().positive().nullable(),
  /** No user exists yet: the first run creates the owner. */
  firstRun: z.boolean(),
});
export type PeopleSession = z.infer<typeof PeopleSession>;

export const ManagerApproval = z.object({
  method: z.string(),
  approvedBy: SessionUser,
  expiresAt: z.string(),
});
export type ManagerApproval = z.infer<typeof ManagerApproval>;

const UsersOut = z.array(UserAdminRow);

export const peopleContract = {
  'people.list': { input: NoInput, output: z.array(PersonTile) },
  /** `active: true` when the person at the screen did something (keeps the idle lock away). */
  'people.session': { input: z.object({ active: z.boolean().optional() }).strict(), output: PeopleSession },
  'people.signIn': { input: z.object({ userId: Id, pin: Pin }).strict(), output: PeopleSession },
  'people.signOut': { input: NoInput, output: PeopleSession },
  /** Quick switch: the screen locks, the next person signs in with their PIN. */
  'people.lock': { input: NoInput, output: PeopleSession },
  'people.enrol': {
    input: z.object({ userId: Id, code: z.string().trim().min(4).max(64), pin: Pin }).strict(),
    output: PeopleSession,
  },
  /** First run only: there is no user at all yet. */
  'people.createOwner': { input: z.object({ name: Name, pin: Pin }).strict(), output: PeopleSession },
  /** A manager's PIN typed on the cashier's screen: the next call of `method` (within 2 minutes) is allowed. */
  'people.approve': {
    input: z.object({ userId: Id, pin: Pin, method: z.string().min(1).max(64) }).strict(),
    output: ManagerApproval,
  },
  'people.users': { input: NoInput, output: UsersOut },
  'people.create': { input: z.object({ name: Name, role: RoleDto, pin: Pin }).strict(), output: UsersOut },
  'people.resetPin': { input: z.object({ userId: Id, pin: Pin }).strict(), output: UsersOut },
  'people.unlock': { input: z.object({ userId: Id }).strict(), output: UsersOut },
  'people.deactivate': { input: z.object({ userId: Id }).strict(), output: UsersOut },
  'people.setIdleLock': {
    input: z.object({ minutes: z.number().int().min(1).max(240).nullable() }).strict(),
    output: PeopleSession,
  },
} as const;
