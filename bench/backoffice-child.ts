import { startBackofficeServer } from '../backoffice/server';
import { openBackofficeStore } from '../backoffice/store';

/**
 * The reference back-office in its own process, for benches whose figure must not include the
 * back-office's CPU (pull): `node --import tsx bench/backoffice-child.ts <store file> <station> <token>`.
 * Prints its URL as one JSON line on stdout; stops when its parent closes stdin.
 */
const [file, stationId, token] = process.argv.slice(2);
if (!file || !stationId || !token) throw new Error('usage: backoffice-child.ts <store file> <station> <token>');
const store = openBackofficeStore(file);
const server = await startBackofficeServer({ store, stations: { [stationId]: token } });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => {
    store.close();
    process.exit(0);
  });
});
