import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import type { PayNlFake } from './paynl-fake';

interface EcrTransaction {
  reference: string;
  amountMinor: number;
  exchangeUrl: string | null;
  state: 'running' | 'SUCCESS' | 'CANCEL' | 'FAILED' | 'EXPIRED';
  orderId: string | null;
  id: string | null;
  last4: string;
  socket: Socket | null;
}

/**
 * A PAY.POS Android terminal speaking PAY.ECR on loopback: UDP discovery, JSON-per-line TCP,
 * TRANSACTION_START/STOP with live events, HISTORY_GET/LIST. A completed payment becomes an order
 * in the Pay. fake (the cloud), as on a real terminal — or not, for a terminal that lies.
 */
export async function startEcrTerminalFake(options: {
  code: string;
  name: string;
  pay: PayNlFake;
  /** Steps (card → PIN → processing → approved) by themselves after this many ms each; null: tests drive. */
  stepMs?: number | null;
}) {
  const history: EcrTransaction[] = [];
  const sockets = new Set<Socket>();
  let current: EcrTransaction | null = null;
  const seen: Record<string, unknown>[] = [];

  const write = (socket: Socket | null, message: Record<string, unknown>) => {
    if (socket && !socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
  };
  const event = (tx: EcrTransaction, name: string, extra: Record<string, unknown> = {}) =>
    write(tx.socket, { type: 'TRANSACTION_EVENT', event: name, message: name.toLowerCase(), ...extra });

  function finish(
    tx: EcrTransaction,
    state: EcrTransaction['state'],
    name: string,
    extra: Record<string, unknown> = {},
  ) {
    tx.state = state;
    history.unshift(tx);
    if (history.length > 20) history.pop();
    if (current === tx) current = null;
    event(tx, name, extra);
  }

  /**
   * The terminal finishes the running payment. Approved: the order is paid at Pay. (`cloudPaid: false`:
   * a terminal that says approved while Pay. has no payment). Declined: the order is declined at Pay.,
   * or — a terminal whose "no" is wrong — `cloud: 'paid'` / `'pending'`; `cloud: 'none'`: no order at all.
   * `namesOrder`: a lying terminal that names some other order (another payment's, say) as this one.
   */
  function complete(
    approved: boolean,
    options2: { cloudPaid?: boolean; cloud?: 'paid' | 'declined' | 'pending' | 'none'; namesOrder?: string } = {},
  ) {
    const tx = current;
    if (!tx) throw new Error('no transaction running on the terminal');
    const cloud = options2.cloud ?? (approved ? (options2.cloudPaid === false ? 'pending' : 'paid') : 'declined');
    if (options2.namesOrder) {
      tx.orderId = options2.namesOrder;
    } else if (cloud !== 'none') {
      const order = options.pay.terminalOrder({
        reference: tx.reference,
        amountMinor: tx.amountMinor,
        terminalCode: options.code,
        exchangeUrl: tx.exchangeUrl,
        paid: cloud === 'paid',
      });
      if (cloud === 'declined') options.pay.decline(order.id);
      tx.orderId = order.orderId;
      tx.last4 = order.last4;
    }
    tx.id = tx.orderId ? `MV-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}` : null;
    // The guide's COMPLETED event carries the orderId (and the ticket when approved).
    finish(tx, approved ? 'SUCCESS' : 'FAILED', 'COMPLETED', { approved, orderId: tx.orderId });
  }

  /** Changes what the terminal's history says about a finished payment (a terminal that corrects itself). */
  function rewriteHistory(reference: string, change: { state: EcrTransaction['state']; paidOrder?: boolean }) {
    const tx = history.find((t) => t.reference === reference);
    if (!tx) throw new Error(`no finished transaction ${reference}`);
    tx.state = change.state;
    if (change.paidOrder) {
      const order = options.pay.terminalOrder({
        reference: tx.reference,
        amountMinor: tx.amountMinor,
        terminalCode: options.code,
        exchangeUrl: tx.exchangeUrl,
        paid: true,
      });
      tx.orderId = order.orderId;
      tx.last4 = order.last4;
    }
  }

  function historyItem(tx: EcrTransaction) {
    return {
      type: 'HISTORY_GET_RESPONSE',
      id: tx.id,
      orderId: tx.orderId,
      reference: tx.reference,
      status: tx.state === 'running' ? 'QUEUED' : tx.state,
      description: null,
      createdAt: new Date().toISOString(),
      ticket:
        tx.state === 'SUCCESS'
          ? Buffer.from(JSON.stringify([' Kopie Kaarthouder', `Kaart: ************${tx.last4}`])).toString('base64')
          : null,
      amount: tx.amountMinor,
      currency: 'EUR',
      cardNumber: tx.state === 'SUCCESS' ? `************${tx.last4}` : null,
    };
  }

  function handle(socket: Socket, message: Record<string, unknown>) {
    seen.push(message);
    switch (message.type) {
      case 'PING':
        write(socket, { type: 'PONG', status: current ? 'BUSY' : 'IDLE' });
        return;
      case 'TRANSACTION_START': {
        if (current) {
          write(socket, { type: 'ERROR', reason: 'A transaction is already running' });
          return;
        }
        const transaction = message.transaction as {
          reference?: string;
          amount?: { value?: number };
          exchangeUrl?: string;
        };
        if (!transaction?.reference || !transaction.amount?.value) {
          write(socket, { type: 'ERROR', reason: 'Invalid transaction' });
          return;
        }
        const tx: EcrTransaction = {
          reference: transaction.reference,
          amountMinor: transaction.amount.value,
          exchangeUrl: transaction.exchangeUrl ?? null,
          state: 'running',
          orderId: null,
          id: null,
          last4: '0000',
          socket,
        };
        current = tx;
        event(tx, 'STARTED');
        if (options.stepMs != null) {
          const ms = options.stepMs;
          setTimeout(() => current === tx && event(tx, 'PIN_INPUT_PENDING'), ms).unref();
          setTimeout(() => current === tx && event(tx, 'PROCESSING'), 2 * ms).unref();
          setTimeout(() => current === tx && complete(true), 3 * ms).unref();
        }
        return;
      }
      case 'TRANSACTION_STOP':
        if (current) finish(current, 'CANCEL', 'CANCELLED');
        return;
      case 'HISTORY_GET': {
        const needle = String(message.needle ?? '');
        const tx = [current, ...history].find(
          (t) => t && (t.reference === needle || t.orderId === needle || t.id === needle),
        );
        // Like the terminal: a transaction appears in the history once it has finished.
        if (!tx || tx.state === 'running') write(socket, { type: 'ERROR', reason: 'Transaction not found' });
        else write(socket, historyItem(tx));
        return;
      }
      case 'HISTORY_LIST':
        write(socket, {
          type: 'HISTORY_LIST_RESPONSE',
          items: history.map((t) => ({ id: t.id, orderId: t.orderId, reference: t.reference, status: t.state })),
        });
        return;
      default:
        write(socket, { type: 'ERROR', reason: `Unknown message ${String(message.type)}` });
    }
  }

  const tcp = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) {
          try {
            handle(socket, JSON.parse(line) as Record<string, unknown>);
          } catch {
            write(socket, { type: 'ERROR', reason: 'Invalid JSON' });
          }
        }
        newline = buffer.indexOf('\n');
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));

  const udp = createSocket('udp4');
  udp.on('message', (buffer, info) => {
    if (buffer.toString('utf8') !== 'PAY.POS-WHO.IS') return;
    udp.send(Buffer.from(`PAY.POS-I.AM:${options.code}:${options.name}`), info.port, info.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));

  return {
    tcpPort: (tcp.address() as AddressInfo).port,
    udpPort: udp.address().port,
    seen,
    running: () => current,
    pin: () => current && event(current, 'PIN_INPUT_PENDING'),
    /**
     * A wrong PIN: the card lets the customer try again and the payment goes on — or, with `ends`
     * (the protocol page lists PIN_INPUT_ERROR as final), the terminal gives up: Pay. declines the order.
     */
    pinError(opts: { ends?: boolean } = {}) {
      const tx = current;
      if (!tx) throw new Error('no transaction running on the terminal');
      if (!opts.ends) return event(tx, 'PIN_INPUT_ERROR');
      const order = options.pay.terminalOrder({
        reference: tx.reference,
        amountMinor: tx.amountMinor,
        terminalCode: options.code,
        exchangeUrl: tx.exchangeUrl,
        paid: false,
      });
      options.pay.decline(order.id);
      tx.orderId = order.orderId;
      finish(tx, 'FAILED', 'PIN_INPUT_ERROR');
    },
    processing: () => current && event(current, 'PROCESSING'),
    complete,
    rewriteHistory,
    /** Drops every connection (Wi-Fi hiccup): the transaction goes on on the terminal. */
    dropConnections() {
      for (const socket of sockets) socket.destroy();
      if (current) current.socket = null;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

export type EcrTerminalFake = Awaited<ReturnType<typeof startEcrTerminalFake>>;
