import { connect, type Socket } from 'node:net';
import type { AttemptOutcome } from '../jobs/job-runner';
import { offlineStatus, paperStatus, STATUS_REQUEST } from './escpos-encoder';

export interface PrinterStatus {
  online: boolean;
  /** null when the printer does not answer status requests. */
  paper: 'ok' | 'near_end' | 'out' | null;
  problem: 'cover_open' | 'paper_out' | 'error' | null;
  error: string | null;
}

export function parsePrinterUri(uri: string): { host: string; port: number } {
  const url = new URL(uri);
  if (url.protocol !== 'tcp:') throw new Error(`not a network receipt printer: ${uri}`);
  return { host: url.hostname, port: url.port ? Number(url.port) : 9100 };
}

function open(uri: string, timeoutMs: number): Promise<Socket> {
  const { host, port } = parsePrinterUri(uri);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port}`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** One real-time status byte; null when the printer stays silent (many do not report over TCP). */
function ask(socket: Socket, request: Buffer, waitMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('data', onData);
      resolve(null);
    }, waitMs);
    const onData = (chunk: Buffer) => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(chunk[0] ?? null);
    };
    socket.on('data', onData);
    socket.write(request);
  });
}

async function readStatus(socket: Socket, waitMs: number): Promise<Omit<PrinterStatus, 'online' | 'error'>> {
  const offline = await ask(socket, STATUS_REQUEST.offline, waitMs);
  const paper = offline === null ? null : await ask(socket, STATUS_REQUEST.paper, waitMs);
  const problem = offline === null ? 'ok' : offlineStatus(offline);
  return { paper: paper === null ? null : paperStatus(paper), problem: problem === 'ok' ? null : problem };
}

/** What the Settings and queue screens show about a receipt printer. */
export async function printerStatus(uri: string, timeoutMs = 3_000): Promise<PrinterStatus> {
  let socket: Socket | null = null;
  try {
    socket = await open(uri, timeoutMs);
    return { online: true, ...(await readStatus(socket, 500)), error: null };
  } catch (error) {
    return { online: false, paper: null, problem: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    socket?.destroy();
  }
}

/**
 * One print attempt over raw TCP. Offline, or reporting no paper / cover open → `retry` (nothing
 * printed, the job waits); the connection breaking once bytes went out → `uncertain` (it may have
 * printed: a manager reprints a copy if not).
 */
export async function printOverTcp(uri: string, bytes: Buffer, timeoutMs = 3_000): Promise<AttemptOutcome> {
  let socket: Socket;
  try {
    socket = await open(uri, timeoutMs);
  } catch (error) {
    return { result: 'retry', error: `printer offline: ${error instanceof Error ? error.message : error}` };
  }
  try {
    const status = await readStatus(socket, 500);
    if (status.paper === 'out' || status.problem) {
      socket.destroy();
      return { result: 'retry', error: `printer not ready: ${status.problem ?? 'paper_out'}` };
    }
  } catch (error) {
    socket.destroy();
    return { result: 'retry', error: `printer status: ${error instanceof Error ? error.message : error}` };
  }
  return new Promise<AttemptOutcome>((resolve) => {
    socket.once('error', (error) => resolve({ result: 'uncertain', error: `printing broke off: ${error.message}` }));
    socket.end(bytes, () => {
      socket.destroySoon?.();
      resolve({ result: 'sent' });
    });
  });
}
