import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PeopleGate } from '../../../renderer/src/features/people/PeopleGate';
import type { PeopleSession, PersonTile } from '../../../shared/api/people-schemas';
import { aSystemStatus } from './fixtures';
import { renderWithCore } from './render';

const TILES: PersonTile[] = [
  { id: 'u-cas', name: 'Cas', role: 'cashier', lockedOut: false, needsEnrolment: false },
  { id: 'u-mia', name: 'Mia', role: 'manager', lockedOut: true, needsEnrolment: false },
  { id: 'u-bo', name: 'Bo', role: 'cashier', lockedOut: false, needsEnrolment: true },
];
const session = (over: Partial<PeopleSession>): PeopleSession => ({
  user: null,
  locked: false,
  idleLockMinutes: 10,
  firstRun: false,
  ...over,
});
const counter = <p>the counter</p>;

describe('the sign-in gate in front of the counter', () => {
  it('shows nothing of the counter until someone signs in; signing in with the PIN opens it', async () => {
    let current = session({});
    const { user, calls } = renderWithCore(<PeopleGate>{counter}</PeopleGate>, {
      'people.session': () => current,
      'people.list': TILES,
      'system.status': aSystemStatus({}, { mode: 'live' }),
      'people.signIn': () => {
        current = session({ user: { id: 'u-cas', name: 'Cas', role: 'cashier' } });
        return current;
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Who is at the counter?' })).toBeTruthy();
    expect(screen.queryByText('the counter')).toBeNull();
    // A locked-out user's tile cannot be chosen; one still to enrol says so. No demo PINs when live.
    expect(await screen.findByRole('button', { name: /^Mia/ })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: /^Bo/ }).textContent).toContain('New: set your PIN');
    expect(screen.queryByText(/Demo PINs/)).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Cas/ }));
    await user.type(screen.getByLabelText('PIN for Cas'), '1357{Enter}');
    expect(await screen.findByText('the counter')).toBeTruthy();
    expect(calls.find((c) => c.method === 'people.signIn')?.input).toEqual({ userId: 'u-cas', pin: '1357' });
  });

  it('a locked counter says who was signed in, and shows the demo PINs in demo mode only', async () => {
    renderWithCore(<PeopleGate>{counter}</PeopleGate>, {
      'people.session': session({ user: { id: 'u-cas', name: 'Cas', role: 'cashier' }, locked: true }),
      'people.list': TILES,
      'system.status': aSystemStatus({}, { mode: 'demo' }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Counter locked' })).toBeTruthy();
    expect(screen.getByText('Cas was signed in. Sign in to go on.')).toBeTruthy();
    expect(await screen.findByText(/Demo PINs: Demo Cashier 1111/)).toBeTruthy();
    expect(screen.queryByText('the counter')).toBeNull();
  });

  it('first run: the owner is created with a PIN typed twice', async () => {
    const { user, calls } = renderWithCore(<PeopleGate>{counter}</PeopleGate>, {
      'people.session': session({ firstRun: true }),
      'people.createOwner': (input) => session({ user: { id: 'u-o', name: input.name, role: 'owner' } }),
    });
    await user.type(await screen.findByLabelText('Your name'), 'Olga');
    await user.type(screen.getByLabelText('Choose a PIN (4 to 6 digits)'), '5678');
    await user.type(screen.getByLabelText('Type the PIN again'), '5679');
    expect(screen.getByText('The two PINs are not the same.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create owner and sign in' })).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('Type the PIN again'));
    await user.type(screen.getByLabelText('Type the PIN again'), '5678');
    await user.click(screen.getByRole('button', { name: 'Create owner and sign in' }));
    expect(await screen.findByText('the counter')).toBeTruthy();
    expect(calls.find((c) => c.method === 'people.createOwner')?.input).toEqual({ name: 'Olga', pin: '5678' });
  });
});
