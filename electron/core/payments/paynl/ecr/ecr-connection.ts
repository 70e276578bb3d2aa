import { connect, type Socket } from 'node:net';
import { type EcrIncoming, EcrIncoming as IncomingSchema } from './ecr-messages';

/**
 * One TCP connection to a PAY.POS terminal. Messages are JSON objects, one per line. Whatever comes
 * back is parsed with a schema; anything else is dropped (the LAN is not trusted).
 */
export class EcrConnection {
  private buffer = '';
  private readonly listeners = new Set<(message: EcrIncoming) => void>();
  private closedListeners = new Set<() => void>();
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('close', () => {
      this.closed = true;
      for (const listener of this.closedListeners) listener();
    });
    socket.on('error', () => socket.destroy());
  }

  static open(host: string, port: number, timeoutMs = 3_000): Promise<EcrConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`terminal ${host}:${port} did not answer`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new EcrConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  send(message: Record<string, unknown>): void {
    if (this.closed) throw new Error('terminal connection is closed');
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  onMessage(listener: (message: EcrIncoming) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: () => void): void {
    this.closedListeners.add(listener);
  }

  /** Sends a request and waits for the first message of the expected type (or ERROR). */
  request<T extends EcrIncoming['type']>(
    message: Record<string, unknown>,
    expected: T,
    timeoutMs = 5_000,
  ): Promise<Extract<EcrIncoming, { type: T }> | { type: 'ERROR'; reason?: string | null }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${expected} from the terminal`));
      }, timeoutMs);
      const off = this.onMessage((incoming) => {
        if (incoming.type !== expected && incoming.type !== 'ERROR') return;
        clearTimeout(timer);
        off();
        resolve(incoming as Extract<EcrIncoming, { type: T }>);
      });
      this.send(message);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > 1_000_000) {
      this.socket.destroy();
      return;
    }
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.dispatch(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  private dispatch(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return;
    }
    const parsed = IncomingSchema.safeParse(raw);
    if (!parsed.success) return;
    for (const listener of this.listeners) listener(parsed.data);
  }
}
