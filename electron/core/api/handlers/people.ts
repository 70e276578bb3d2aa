import type { PeopleService } from '../../people/people-service';
import type { UserAdmin } from '../../people/user-admin';
import type { HandlerMap } from './handler-map';

export interface PeopleHandlerDeps {
  people: PeopleService;
  userAdmin: UserAdmin;
}

type PeopleMethods =
  | 'people.list'
  | 'people.session'
  | 'people.signIn'
  | 'people.signOut'
  | 'people.lock'
  | 'people.enrol'
  | 'people.createOwner'
  | 'people.approve'
  | 'people.users'
  | 'people.create'
  | 'people.resetPin'
  | 'people.unlock'
  | 'people.deactivate'
  | 'people.setIdleLock';

/** Sign-in, the station's session, the manager's approval and the users screen (issue 12). */
export function createPeopleHandlers(deps: PeopleHandlerDeps): HandlerMap<PeopleMethods> {
  const { people, userAdmin } = deps;
  return {
    'people.list': async () => people.tiles(),
    'people.session': async ({ active }) => (active ? people.touch() : people.session()),
    'people.signIn': ({ userId, pin }) => people.signIn(userId, pin),
    'people.signOut': async () => people.signOut(),
    'people.lock': async () => people.lock(),
    'people.enrol': ({ userId, code, pin }) => people.enrol(userId, code, pin),
    'people.createOwner': ({ name, pin }) => userAdmin.createOwner(name, pin),
    'people.approve': ({ userId, pin, method }) => people.approve(userId, pin, method),
    'people.users': async () => userAdmin.rows(),
    'people.create': ({ name, role, pin }) => userAdmin.create(name, role, pin),
    'people.resetPin': ({ userId, pin }) => userAdmin.resetPin(userId, pin),
    'people.unlock': async ({ userId }) => userAdmin.unlock(userId),
    'people.deactivate': async ({ userId }) => userAdmin.deactivate(userId),
    'people.setIdleLock': async ({ minutes }) => userAdmin.setIdleLock(minutes),
  };
}
