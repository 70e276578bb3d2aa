import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Header } from '../../../renderer/src/features/shell/Header';
import type { Role } from '../../../shared/api/roles';
import { aSystemStatus } from './fixtures';
import { renderWithCore } from './render';

function session(role: Role) {
  return {
    user: { id: `u-${role}`, name: `A ${role}`, role },
    locked: false,
    idleLockMinutes: 10,
    firstRun: false,
  };
}

const MANAGER_SCREENS = ['Reconciliation', 'Settings', 'Audit trail'];

describe('the header offers each person the screens they can use', () => {
  it('a cashier sees the counter screens, not the manager-only ones', async () => {
    renderWithCore(<Header />, {
      'system.status': aSystemStatus({}, { mode: 'live' }),
      'unmatched.list': [],
      'paylinks.list': [],
      'people.session': session('cashier'),
    });
    expect(await screen.findByRole('button', { name: /A cashier/ })).toBeTruthy();
    for (const name of ['Counter', "Today's transactions", 'Day', 'Sync']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    for (const name of MANAGER_SCREENS) expect(screen.queryByRole('button', { name })).toBeNull();
  });

  it('a manager sees the manager screens too', async () => {
    renderWithCore(<Header />, {
      'system.status': aSystemStatus({}, { mode: 'live' }),
      'unmatched.list': [],
      'paylinks.list': [],
      'people.session': session('manager'),
    });
    for (const name of MANAGER_SCREENS) expect(await screen.findByRole('button', { name })).toBeTruthy();
  });
});
