import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: Buffer;
}

/** How the server answers the end of the next message: accept, or refuse with a code. */
export type Answer = { accept: true } | { code: number; message: string } | { hold: true };

/** A real SMTP server on loopback (the `smtp-server` package) that keeps and parses what it receives. */
export async function startSmtpCatcher(port = 0) {
  const caught: CaughtMail[] = [];
  const answers: Answer[] = [];
  const arrivals: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const answer = answers.shift() ?? { accept: true };
        if ('code' in answer) {
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          return;
        }
        caught.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          parsed: await simpleParser(raw),
          raw,
        });
        for (const notify of arrivals.splice(0)) notify();
        if ('hold' in answer) return; // never answers: the sender's process is killed meanwhile
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    caught,
    /**
     * The messages to one address. The e2e specs share one core, whose mail outbox may still hold
     * an earlier spec's message (waiting for a mail server) and delivers it to whichever server is set next.
     */
    to: (address: string) => caught.filter((mail) => mail.envelopeTo.includes(address)),
    /** Answers for the next messages, in order; afterwards every message is accepted. */
    answerNext: (...next: Answer[]) => answers.push(...next),
    arrived: () => new Promise<void>((resolve) => arrivals.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpCatcher = Awaited<ReturnType<typeof startSmtpCatcher>>;
