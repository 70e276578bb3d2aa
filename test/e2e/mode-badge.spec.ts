import { expect, test } from './fixtures';

test('the header says the counter is a demo, with no real money, in both languages', async ({
  counter: page,
  shot,
}) => {
  const badge = page.getByTestId('mode-badge');
  await expect(badge).toHaveText('Demo — no real money');
  await expect(badge).toHaveClass(/mode-demo/);
  await expect(page.locator('.app-header')).not.toContainText('Live');
  await shot('05-mode-badge-demo');
  await page.getByRole('button', { name: 'NL', exact: true }).click();
  await expect(badge).toHaveText('Demo — geen echt geld');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(badge).toHaveText('Demo — no real money');
});

test('Settings says what a station id may be', async ({ counter: page, shot }) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const station = page.getByRole('textbox', { name: 'Station id of this counter' });
  await expect(station).toHaveAccessibleDescription(/1 to 8 letters or digits/);
  await expect(station).toHaveAttribute('maxlength', '8');
  await shot('24-settings-station-hint');
  await page.getByRole('button', { name: 'Counter', exact: true }).click();
});
