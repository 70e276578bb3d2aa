import type { Page } from '@playwright/test';
import { euro, expect, signInAt, paymentStatus as status, test, tickFirstInvoice, typed } from './fixtures';

// The station's session is shared by all specs (one core = one counter): leave a manager signed in.
test.afterEach(async ({ request }) => {
  await signInAt(request, 'manager');
});

async function signInWithTile(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  // The PIN is typed on the keyboard and sent with Enter, as at a real counter.
  await page.getByLabel(`PIN for ${name}`).pressSequentially(pin);
  await page.keyboard.press('Enter');
}

test('a cashier signs in with a PIN; a refund asks for a manager on the cashier’s screen; switch user', async ({
  counter: page,
  api,
  shot,
}) => {
  // Quick switch: the manager the fixture signed in locks the counter for the next person.
  await page.getByTestId('signed-in').click();
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Counter locked' })).toBeVisible();
  await expect(page.getByText('Demo Manager was signed in. Sign in to go on.')).toBeVisible();
  await expect(page.getByText('Demo PINs: Demo Cashier 1111')).toBeVisible();
  await shot('60-sign-in-tiles');

  await page.getByRole('button', { name: /^Demo Cashier/ }).click();
  await page.getByLabel('PIN for Demo Cashier').pressSequentially('9999');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Wrong PIN. 4 more tries before the lock-out.');
  await shot('61-wrong-pin');
  // The touch keys work as well as the keyboard.
  for (const digit of ['1', '1', '1', '1']) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toHaveText('Signed in: Demo Cashier');
  await page.getByTestId('signed-in').click();
  await expect(page.getByRole('button', { name: 'Switch user' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Users' })).toHaveCount(0);
  await page.getByTestId('signed-in').click();

  // The cashier takes a card payment…
  const customer = await api<{ name: string }>('customers.card', { customerId: 'cust-100013' });
  await tickFirstInvoice(page, api, '100013', customer.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Done' }).click();
  const paid = (await api<{ customerId: string; reference: string }[]>('payments.today', {})).find(
    (p) => p.customerId === 'cust-100013',
  );
  if (!paid) throw new Error('payment not listed today');

  // …and a refund needs a manager: the approval dialog opens right on the cashier's screen.
  await page.getByRole('button', { name: "Today's transactions" }).click();
  await page.getByRole('button', { name: `Details of ${paid.reference}` }).click();
  const detail = page.getByRole('dialog', { name: `Payment ${paid.reference}` });
  await detail.getByRole('textbox', { name: 'Amount to refund' }).fill(typed(100));
  await detail.getByRole('textbox', { name: 'Reason (on the statement)' }).fill('Damaged on delivery');
  await detail.getByRole('button', { name: `Refund ${euro(100)}` }).click();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toBeVisible();
  await approval.getByRole('button', { name: 'Demo Manager' }).click();
  await shot('62-manager-approval');
  await approval.getByLabel('Manager PIN').pressSequentially('2222');
  await page.keyboard.press('Enter');
  await expect(approval).toHaveCount(0);
  await expect(detail.getByRole('status')).toHaveText(`Refund recorded: ${euro(100)}.`);
  await shot('63-refund-approved');
  await detail.getByRole('button', { name: 'Done' }).click();
  // Still the cashier at the counter: the approval was for that one refund.
  await expect(page.getByTestId('signed-in')).toHaveText('Signed in: Demo Cashier');

  // Switch user: the next person signs in; the manager sees the users screen.
  await page.getByTestId('signed-in').click();
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByText('Demo Cashier was signed in. Sign in to go on.')).toBeVisible();
  await signInWithTile(page, 'Demo Manager', '2222');
  await expect(page.getByTestId('signed-in')).toHaveText('Signed in: Demo Manager');
  await page.getByTestId('signed-in').click();
  await page.getByRole('button', { name: 'Users' }).click();
  const users = page.getByRole('dialog', { name: 'Users' });
  await expect(users.getByRole('cell', { name: 'Demo Cashier' })).toBeVisible();
  await shot('64-users');
  await users.getByRole('button', { name: 'Close' }).click();
});
