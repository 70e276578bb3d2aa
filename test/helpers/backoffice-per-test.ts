import type { BackofficeServer } from '../../backoffice/server';
import { startTestBackoffice } from './backoffice';
import type { Cleanups } from './provider-harness';

/** A reference back-office with demo customers, closed (server, then store) with the test's other cleanups. */
export async function backofficeClosedAfter(
  cleanups: Cleanups,
  options: Parameters<typeof startTestBackoffice>[0] = {},
): Promise<BackofficeServer> {
  const server = await startTestBackoffice(options);
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}
