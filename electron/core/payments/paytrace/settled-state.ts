import type { AttemptRef } from '../provider';
import type { Rail } from './paytrace-lookup';
import type { PayTraceSettledStore, SettledState } from './settled-store';
import type { ExportedTransaction } from './wire';

/** After an ask that found nothing or failed, the same sale is not asked again sooner than this. */
const ASK_AGAIN_AFTER_MS = 60_000;

/**
 * The void-or-refund choice for PayTrace sales: what the store knows, and when it knows nothing
 * (after a restart, a sale from before this version, an "unsettled" from before the last batch
 * close) PayTrace is asked — `export/by_id`, whose row carries the batch number — the answer kept,
 * and the screens told (`changed`) so they show the right button. Asks are one at a time per sale,
 * and never block the caller: until the answer is in, the same-day rule decides (void-service.ts).
 */
export function createSettledState(deps: {
  store: PayTraceSettledStore;
  /** The sale's export row (by id, else by our reference), or null when PayTrace has none. */
  read: (attempt: AttemptRef) => Promise<ExportedTransaction | null>;
  idOf: (row: ExportedTransaction, rail: Rail) => number | null;
  railOf: (terminalId: string) => Rail;
  now: () => Date;
  /** Whether the answer could change what the screen offers (the module: an approved payment of today). */
  worthAsking?: (attempt: AttemptRef) => boolean;
  /** What PayTrace said was kept: show the payment again. */
  changed?: (reference: string) => void;
}) {
  const { store } = deps;
  const asking = new Map<string, Promise<SettledState | null>>();
  const notBefore = new Map<string, number>();
  /** Asks and recoveries running in the background, for `idle`. */
  const pending = new Set<Promise<unknown>>();
  let stopped = false;
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    const done = () => pending.delete(work);
    work.then(done, done);
    return work;
  };

  const known = (attempt: AttemptRef) => store.known({ ...attempt, rail: deps.railOf(attempt.terminalId) }, deps.now());

  /**
   * Keeps what an export row says of the sale (status, void, lookups all read one). `askedAt`: when
   * the read was sent, not when its answer came — an "unsettled" asked at 19:59:59 and answered after
   * the 8 p.m. close says nothing about after the close, so it must date from before it.
   */
  function learnedFrom(attempt: AttemptRef, row: ExportedTransaction, askedAt: Date): SettledState {
    const rail = deps.railOf(attempt.terminalId);
    return store.learned({
      reference: attempt.reference,
      rail,
      transactionId: deps.idOf(row, rail),
      batchNumber: row.batch_number ?? null,
      source: 'export',
      at: askedAt,
    });
  }

  function ask(attempt: AttemptRef): Promise<SettledState | null> {
    const running = asking.get(attempt.reference);
    if (running) return running;
    if (stopped || (notBefore.get(attempt.reference) ?? 0) > deps.now().getTime()) return Promise.resolve(null);
    const asked = (async () => {
      try {
        const askedAt = deps.now();
        const row = await deps.read(attempt);
        if (stopped) return null;
        if (!row) throw new Error('no export row');
        const state = learnedFrom(attempt, row, askedAt);
        notBefore.delete(attempt.reference);
        deps.changed?.(attempt.reference);
        return state;
      } catch {
        // Unreachable, or PayTrace has no row (yet): the same-day rule decides until the next ask.
        notBefore.set(attempt.reference, deps.now().getTime() + ASK_AGAIN_AFTER_MS);
        return null;
      } finally {
        asking.delete(attempt.reference);
      }
    })();
    asking.set(attempt.reference, asked);
    return track(asked);
  }

  /** Asks now when nothing is known; the state after the answer (null: still unknown). */
  async function refresh(attempt: AttemptRef): Promise<SettledState | null> {
    return known(attempt) ?? (await ask(attempt));
  }

  return {
    learnedFrom,
    refresh,

    /** The sale's own answer: just made, so not in any batch yet — as of `sentAt`, when it was sent. */
    sold(attempt: { reference: string; terminalId: string }, transactionId: number, sentAt: Date): void {
      store.learned({
        reference: attempt.reference,
        rail: deps.railOf(attempt.terminalId),
        transactionId,
        batchNumber: null,
        source: 'sale',
        at: sentAt,
      });
    },

    /** What is known now; when nothing is, PayTrace is asked in the background (see above). */
    state(attempt: AttemptRef): SettledState | null {
      const state = known(attempt);
      if (state === null && (deps.worthAsking?.(attempt) ?? true)) void ask(attempt);
      return state;
    },

    /** On start: the sales whose choice matters, asked one after the other. */
    recover(attempts: readonly AttemptRef[]): Promise<void> {
      return track(
        (async () => {
          for (const attempt of attempts) {
            if (stopped) return;
            await refresh(attempt);
          }
        })(),
      );
    },

    /**
     * Resolves once no ask or recovery runs in the background (those started meanwhile included):
     * tests await it to see that PayTrace was, or was not, asked — never a sleep.
     */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },

    stop(): void {
      stopped = true;
    },
  };
}

export type SettledStateKeeper = ReturnType<typeof createSettledState>;
