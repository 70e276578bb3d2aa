/** Who may work at a counter: a cashier takes payments; a manager moves money back and decides; an owner configures. */
export const ROLES = ['cashier', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];
