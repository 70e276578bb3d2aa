import type { Clock } from '../clock';
import { retryDelayMs } from '../sync/backoff';
import type { JobKind, JobRepository, JobRow } from './job-repository';

/** What one attempt came to. Only the channel can tell "not delivered" from "may have been". */
export type AttemptOutcome =
  | { result: 'sent' }
  /** Certainly not delivered (refused with 4xx, could not connect…): try again later. */
  | { result: 'retry'; error: string; retryAfterMs?: number }
  /** Refused for good (SMTP 5xx, bad address…): shown as failed with the reason. */
  | { result: 'failed'; error: string }
  /** The answer was lost after the content left: it may have arrived. */
  | { result: 'uncertain'; error: string };

export interface Channel {
  attempt(job: JobRow): Promise<AttemptOutcome>;
  /**
   * A job found `sending` at start was interrupted by a crash between attempt and commit.
   * `uncertain`: a manager decides (e-mail, print: SMTP and raw 9100 have no way to ask "did it
   * arrive?", and a second receipt in the customer's inbox is worse than a question to the manager).
   * `resend`: at-least-once under the same id (webhooks: receivers de-duplicate by webhook-id).
   */
  afterCrash: 'uncertain' | 'resend';
}

export interface JobRunnerDeps {
  jobs: JobRepository;
  clock: Clock;
  random: () => number;
  channels: Partial<Record<JobKind, Channel>>;
  onChange?: () => void;
  /** Upper bound between passes, so a job whose retry time passed is never forgotten. */
  idleMs?: number;
}

/**
 * Runs due jobs one at a time, each attempt bracketed by two commits (sending → outcome). Channels
 * never share a failure: an offline printer does not hold back e-mail.
 */
export function createJobRunner(deps: JobRunnerDeps) {
  const { jobs, clock } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;
  const iso = () => clock.now().toISOString();

  function recoverInterrupted(): void {
    for (const job of jobs.interrupted()) {
      const channel = deps.channels[job.kind];
      if (channel?.afterCrash === 'resend') jobs.markRetry(job.id, 'interrupted: sending again', iso(), iso());
      else jobs.markUncertain(job.id, 'interrupted while sending: it may have arrived', iso());
    }
  }

  async function attemptOne(job: JobRow): Promise<void> {
    const channel = deps.channels[job.kind];
    if (!channel) return;
    jobs.markSending(job.id, iso());
    let outcome: AttemptOutcome;
    try {
      outcome = await channel.attempt(job);
    } catch (error) {
      outcome = { result: 'uncertain', error: error instanceof Error ? error.message : String(error) };
    }
    const at = clock.now();
    if (outcome.result === 'sent') jobs.markSent(job.id, at.toISOString());
    else if (outcome.result === 'failed') jobs.markFailed(job.id, outcome.error, at.toISOString());
    else if (outcome.result === 'uncertain') jobs.markUncertain(job.id, outcome.error, at.toISOString());
    else {
      const delay = retryDelayMs(job.attempts, deps.random, outcome.retryAfterMs ?? null);
      jobs.markRetry(job.id, outcome.error, at.toISOString(), new Date(at.getTime() + delay).toISOString());
    }
    deps.onChange?.();
  }

  /** One pass over the due jobs; returns how many were attempted. */
  async function pass(): Promise<number> {
    const due = jobs.due(iso()).filter((job) => deps.channels[job.kind]);
    // A channel that just failed to connect is not hammered with its other jobs in the same pass.
    const skip = new Set<string>();
    let attempted = 0;
    for (const job of due) {
      const key = `${job.kind}:${job.target}`;
      if (skip.has(key)) continue;
      await attemptOne(job);
      attempted += 1;
      if (jobs.get(job.id)?.status === 'waiting') skip.add(key);
    }
    return attempted;
  }

  function runDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = null;
      if (again) {
        again = false;
        void runDue();
      } else schedule();
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const next = jobs.nextDueAt();
    const idle = deps.idleMs ?? 30_000;
    const wait = next === null ? idle : Math.max(0, Math.min(idle, Date.parse(next || iso()) - clock.now().getTime()));
    timer = setTimeout(() => void runDue(), wait);
    timer.unref?.();
  }

  return {
    start(): void {
      stopped = false;
      recoverInterrupted();
      void runDue();
    },
    /** Something was queued or retried: try now. */
    wake(): void {
      if (!stopped) void runDue();
    },
    runDue,
    recoverInterrupted,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
