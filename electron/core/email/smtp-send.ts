import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { AttemptOutcome } from '../jobs/job-runner';
import type { SmtpConfig } from './smtp-settings';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable across every attempt of the job, so a mail client folds a duplicate. */
  messageId: string;
  /** The job's creation time: the Date header does not change between attempts either. */
  date: Date;
  language: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

const describe = (error: SmtpError) => (error.response ? error.response : `${error.code ?? 'error'}: ${error.message}`);

/** The message as bytes: built once per attempt from the same inputs, so every attempt is the same message. */
export function composeMail(config: SmtpConfig, mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from: config.from,
    replyTo: config.replyTo ?? undefined,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    headers: { 'Content-Language': mail.language },
    attachments: mail.attachments,
  })
    .compile()
    .build();
}

/**
 * One delivery attempt on its own connection (no pool: nodemailer's pool re-queues on a dropped
 * connection, and retries belong to our durable queue). What the outcome means:
 * - could not connect, greet, start TLS or log in for a network reason → `retry` (nothing was sent);
 * - the server answered 4xx → `retry`; 5xx → `failed` with its answer;
 * - refused by nodemailer before sending (bad address) → `failed`;
 * - the connection dropped or timed out once the message was handed over → `uncertain`: SMTP has no
 *   way to ask whether it was accepted, so a manager decides (see the jobs ADR in the README).
 */
export async function sendOverSmtp(config: SmtpConfig, mail: OutgoingMail): Promise<AttemptOutcome> {
  const raw = await composeMail(config, mail);
  const connection = new SMTPConnection({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // Connection-level failures (refused, dropped, timed out) arrive only as events, not through the
  // step's callback: every step races them.
  const broken = new Promise<never>((_, reject) => {
    connection.once('error', reject);
    connection.once('end', () =>
      reject(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' })),
    );
  });
  broken.catch(() => undefined);
  connection.on('error', () => undefined);
  const step = <T>(run: (done: (error: SmtpError | null | undefined, value?: T) => void) => void) =>
    Promise.race([
      new Promise<T | undefined>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value)))),
      broken,
    ]);
  try {
    try {
      await step<void>((done) => connection.connect((error) => done(error ?? null)));
      if (config.user) {
        await step<boolean>((done) =>
          connection.login({ credentials: { user: config.user ?? '', pass: config.password ?? '' } }, done),
        );
      }
    } catch (error) {
      const e = error as SmtpError;
      if (e.responseCode && e.responseCode >= 500) return { result: 'failed', error: describe(e) };
      return { result: 'retry', error: describe(e) };
    }
    try {
      const from = addressparser(config.from, { flatten: true })[0]?.address ?? config.from;
      await step((done) => connection.send({ from, to: [mail.to] }, raw, done));
      return { result: 'sent' };
    } catch (error) {
      const e = error as SmtpError;
      if (e.responseCode && e.responseCode >= 500) return { result: 'failed', error: describe(e) };
      if (e.responseCode && e.responseCode >= 400) return { result: 'retry', error: describe(e) };
      // Refused by nodemailer itself (bad address, empty message) before a byte went out.
      if (e.command === 'API' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
        return { result: 'failed', error: describe(e) };
      return { result: 'uncertain', error: describe(e) };
    }
  } finally {
    connection.quit();
    connection.close();
  }
}
