import { randomBytes, scryptSync } from 'node:crypto';
import type { UserBook } from '../backoffice/users';

/**
 * The demo shop's people, shown with their PINs on the demo's sign-in screen only (never in a real
 * install, which starts by creating its owner). The hashes are made the way any back-office would
 * make them: `scrypt$N$r$p$salt$hash`.
 */
export const DEMO_USERS = [
  { id: 'demo-cashier', name: 'Demo Cashier', role: 'cashier', pin: '1111' },
  { id: 'demo-manager', name: 'Demo Manager', role: 'manager', pin: '2222' },
  { id: 'demo-owner', name: 'Demo Owner', role: 'owner', pin: '3333' },
] as const;

/** Hashed once per process: every demo data folder (tests make many) gets the same three hashes. */
const hashed = new Map<string, string>();

function scryptHash(pin: string): string {
  const known = hashed.get(pin);
  if (known) return known;
  const [N, r, p] = [16_384, 8, 1];
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r, p });
  const encoded = `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
  hashed.set(pin, encoded);
  return encoded;
}

export function seedDemoUsers(users: UserBook): void {
  if (!users.isEmpty()) return;
  for (const user of DEMO_USERS) {
    users.put({ id: user.id, name: user.name, role: user.role, pinHash: scryptHash(user.pin) });
  }
}
