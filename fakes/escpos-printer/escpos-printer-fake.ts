import { createServer, type Server, type Socket } from 'node:net';
import { decodeEscPos, type Printout } from './escpos-decoder';

/**
 * A network receipt printer on loopback (raw TCP, like port 9100): it answers DLE EOT status
 * requests and decodes every job it receives. Stop it to play an offline printer.
 */
export async function startFakeEscPosPrinter(options: { port?: number } = {}) {
  const jobs: Printout[] = [];
  const raw: Buffer[] = [];
  const sockets = new Set<Socket>();
  /** Status bytes answered to DLE EOT n (2 = offline cause, 4 = paper sensor); 0x12 is "nothing wrong". */
  const status = { offline: 0x12, paper: 0x12 };
  const waiters: (() => void)[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Status requests are answered at once, as real printers do, before the job ends.
      for (let i = 0; i + 2 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          const n = chunk[i + 2];
          socket.write(Buffer.from([n === 4 ? status.paper : status.offline]));
        }
      }
    });
    socket.on('close', () => {
      sockets.delete(socket);
      const data = Buffer.concat(chunks);
      const printout = decodeEscPos(data);
      if (printout.lines.length > 0 || printout.cuts > 0) {
        jobs.push(printout);
        raw.push(data);
        for (const notify of waiters.splice(0)) notify();
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    uri: `tcp://127.0.0.1:${port}`,
    jobs,
    raw,
    status,
    printed: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeEscPosPrinter = Awaited<ReturnType<typeof startFakeEscPosPrinter>>;
