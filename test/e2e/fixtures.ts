import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { expectNoA11yViolations } from './a11y';

interface Launch {
  url: string;
  token: string;
}

async function launchInfo(): Promise<Launch> {
  const file = join(E2E_DATA_DIR, 'launch.json');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(readFileSync(file, 'utf8')) as Launch;
}

/** The demo back-office's people (demo/demo-users.ts) and their PINs. */
export const DEMO_PEOPLE = {
  cashier: { name: 'Demo Cashier', pin: '1111' },
  manager: { name: 'Demo Manager', pin: '2222' },
  owner: { name: 'Demo Owner', pin: '3333' },
} as const;

/**
 * Signs a demo person in at the station (one core = one counter, so the page and the API share it).
 * The fixtures sign the manager in, so specs written before sign-in existed run as before.
 */
export async function signInAt(request: APIRequestContext, who: keyof typeof DEMO_PEOPLE): Promise<void> {
  const launch = await launchInfo();
  const rpc = async (method: string, input: unknown) => {
    const response = await request.post(`/api/rpc/${method}`, {
      data: input,
      headers: { Authorization: `Bearer ${launch.token}` },
    });
    const body = (await response.json()) as { ok: boolean; value: unknown; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value;
  };
  // The demo back-office's users arrive with the first pull; the core may still be starting.
  for (let i = 0; i < 100; i++) {
    const people = (await rpc('people.list', {})) as { id: string; name: string }[];
    const person = people.find((p) => p.name === DEMO_PEOPLE[who].name);
    if (person) {
      await rpc('people.signIn', { userId: person.id, pin: DEMO_PEOPLE[who].pin });
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${DEMO_PEOPLE[who].name} never arrived from the demo back-office`);
}

export interface DemoInvoice {
  id: string;
  number: string;
  outstandingMinor: number;
}

export const test = base.extend<{
  counter: Page;
  api: <T>(method: string, input: unknown) => Promise<T>;
  /**
   * A screenshot, then axe on the same screen. `{ axe: false }` only where the test goes on
   * watching a live payment: axe runs inside the page and holds its main thread for a moment, long
   * enough for two status pushes to land in one render.
   */
  shot: (name: string, options?: { axe?: boolean }) => Promise<void>;
}>({
  counter: async ({ page }, use) => {
    const launch = await launchInfo();
    await signInAt(page.request, 'manager');
    await page.goto(`/#token=${launch.token}`);
    await expect(page.getByRole('searchbox', { name: 'Find customer or invoice' })).toBeVisible();
    await use(page);
  },
  api: async ({ request }, use) => {
    const launch = await launchInfo();
    await signInAt(request, 'manager');
    await use(async <T>(method: string, input: unknown) => {
      const response = await request.post(`/api/rpc/${method}`, {
        data: input,
        headers: { Authorization: `Bearer ${launch.token}` },
      });
      const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.value;
    });
  },
  shot: async ({ page }, use) => {
    mkdirSync('test-results/screenshots', { recursive: true });
    await use(async (name, options) => {
      await page.screenshot({ path: `test-results/screenshots/${name}.png` });
      // Every screen and dialog the suite photographs is also checked for accessibility.
      if (options?.axe !== false) await expectNoA11yViolations(page, name);
    });
  },
});

export { expect };

/** English money as the screen shows it: €1,234.56 */
export function euro(minor: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
}

/** The same amount as a cashier would type it. */
export function typed(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** Changes the cents so the sandbox terminal does what the test needs (,05 decline, ,07 timeout, ,08 slow). */
export function withCents(minor: number, cents: number): number {
  return Math.max(100, Math.floor(minor / 100) * 100 - 100) + cents;
}

export async function openCustomer(page: Page, number: string, name: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Find customer or invoice' });
  await search.fill(number);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The fixtures' `api`: one typed call to the core, as the screen would make it. */
export type Api = <T>(method: string, input: unknown) => Promise<T>;

/** The live region that says where a payment is (Waiting for card, Approved …). */
export const paymentStatus = (page: Page) => page.getByRole('status', { name: 'Payment status' });

/** Opens a demo customer and ticks their oldest open invoice. */
export async function tickFirstInvoice(page: Page, api: Api, number: string, name: string): Promise<DemoInvoice> {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: `cust-${number}` });
  const invoice = invoices[0] as DemoInvoice;
  await openCustomer(page, number, name);
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  return invoice;
}

/** Points the core's mail at a test SMTP server on loopback (the specs share one core: each sets its own). */
export async function mailTo(api: Api, port: number): Promise<void> {
  await api('smtp.configure', {
    host: '127.0.0.1',
    port,
    security: 'none',
    user: null,
    password: null,
    from: 'Kassa <kassa@shop.test>',
    replyTo: null,
  });
}
