import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../electron/core/db/open-database';
import { createJobRepository, type JobRepository } from '../../../electron/core/jobs/job-repository';
import { type AttemptOutcome, type Channel, createJobRunner } from '../../../electron/core/jobs/job-runner';
import { tempDir } from '../../helpers/test-engine';

let db: Db;
let file: string;
let jobs: JobRepository;
let now: Date;
const clock = { now: () => now };

beforeEach(() => {
  file = join(tempDir(), 'kassa.sqlite');
  db = openDatabase(file);
  jobs = createJobRepository(db);
  now = new Date('2026-12-01T10:00:00Z');
});
afterEach(() => db.close());

const enqueue = (kind: 'email' | 'webhook' = 'email') =>
  jobs.enqueue(
    { kind, purpose: 'receipt', target: 'a@b.test', payload: {}, requestedBy: 'station-1' },
    now.toISOString(),
  );

function channel(outcomes: AttemptOutcome[], afterCrash: Channel['afterCrash'] = 'uncertain') {
  const seen: string[] = [];
  return {
    seen,
    channel: {
      afterCrash,
      async attempt(job) {
        // Another connection sees the job as sending while the attempt is out: it was committed first.
        const other = new Database(file, { readonly: true });
        seen.push(
          other.prepare<[string], { status: string }>('SELECT status FROM jobs WHERE id = ?').get(job.id)?.status ?? '',
        );
        other.close();
        return outcomes.shift() ?? { result: 'sent' };
      },
    } satisfies Channel,
  };
}

describe('durable jobs', () => {
  it('commits the job as sending before the attempt and as sent after', async () => {
    const job = enqueue();
    const fake = channel([{ result: 'sent' }]);
    const runner = createJobRunner({ jobs, clock, random: () => 0, channels: { email: fake.channel } });
    await runner.runDue();
    expect(fake.seen).toEqual(['sending']);
    expect(jobs.get(job.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: now.toISOString() });
  });

  it('retries a refused attempt with back-off under the same Message-ID, and fails a permanent refusal with its reason', async () => {
    const job = enqueue();
    const fake = channel([
      { result: 'retry', error: '421 try later' },
      { result: 'failed', error: '550 no such user' },
    ]);
    const runner = createJobRunner({ jobs, clock, random: () => 0, channels: { email: fake.channel } });
    await runner.runDue();
    const waiting = jobs.get(job.id);
    expect(waiting).toMatchObject({ status: 'waiting', lastError: '421 try later', messageId: job.messageId });
    expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(now.getTime());
    expect(await runner.runDue()).toBe(0); // not due yet
    now = new Date(now.getTime() + 60_000);
    await runner.runDue();
    expect(jobs.get(job.id)).toMatchObject({ status: 'failed', lastError: '550 no such user', attempts: 2 });
    expect(jobs.retry(job.id, now.toISOString())).toBe(true);
    await runner.runDue();
    expect(jobs.get(job.id)).toMatchObject({ status: 'sent', messageId: job.messageId });
  });

  it('after a crash mid-attempt: an e-mail is uncertain for a manager, a webhook goes again under the same id', async () => {
    const mail = enqueue('email');
    const hook = enqueue('webhook');
    jobs.markSending(mail.id, now.toISOString());
    jobs.markSending(hook.id, now.toISOString());
    const email = channel([]);
    const webhook = channel([], 'resend');
    const runner = createJobRunner({
      jobs,
      clock,
      random: () => 0,
      channels: { email: email.channel, webhook: webhook.channel },
    });
    runner.recoverInterrupted();
    await runner.runDue();
    expect(jobs.get(mail.id)?.status).toBe('uncertain');
    expect(email.seen).toEqual([]);
    expect(jobs.get(hook.id)).toMatchObject({ status: 'sent', messageId: hook.messageId });
    expect(jobs.confirmSent(mail.id, now.toISOString())).toBe(true);
    expect(jobs.get(mail.id)?.status).toBe('sent');
  });

  it('a thrown attempt is uncertain, never silently retried', async () => {
    const job = enqueue();
    const runner = createJobRunner({
      jobs,
      clock,
      random: () => 0,
      channels: { email: { afterCrash: 'uncertain', attempt: () => Promise.reject(new Error('socket hang up')) } },
    });
    await runner.runDue();
    expect(jobs.get(job.id)).toMatchObject({ status: 'uncertain', lastError: 'socket hang up' });
  });
});
