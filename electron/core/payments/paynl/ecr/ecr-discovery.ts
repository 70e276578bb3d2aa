import { createSocket } from 'node:dgram';
import { DISCOVERY_ANSWER, DISCOVERY_QUESTION, ECR_DISCOVERY_PORT } from './ecr-messages';

export interface DiscoveredTerminal {
  readonly code: string;
  readonly name: string;
  readonly address: string;
}

/**
 * Asks the shop network which PAY.POS terminals speak PAY.ECR: a UDP broadcast `PAY.POS-WHO.IS`,
 * answered by `PAY.POS-I.AM:TH-xxxx-xxxx:<name>` from each terminal.
 */
export function discoverTerminals(
  options: { address?: string; port?: number; timeoutMs?: number } = {},
): Promise<DiscoveredTerminal[]> {
  return new Promise((resolve, reject) => {
    const found = new Map<string, DiscoveredTerminal>();
    const socket = createSocket('udp4');
    socket.on('message', (buffer, info) => {
      const [kind, code, ...rest] = buffer.toString('utf8').split(':');
      if (kind !== DISCOVERY_ANSWER || !code || !/^TH-\d{4}-\d{4}$/.test(code)) return;
      found.set(code, { code, name: rest.join(':').trim() || code, address: info.address });
    });
    socket.on('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind(() => {
      socket.setBroadcast(true);
      const message = Buffer.from(DISCOVERY_QUESTION, 'utf8');
      socket.send(message, options.port ?? ECR_DISCOVERY_PORT, options.address ?? '255.255.255.255');
      setTimeout(() => {
        socket.close();
        resolve([...found.values()]);
      }, options.timeoutMs ?? 3_000);
    });
  });
}
