import {
  HostAnswer,
  type HostAnswerMessage,
  type HostPrinterInfo,
  type HostPrintRequest,
  type HostRequestBody,
  type HostRequestMessage,
} from '../../../shared/host/print-protocol';
import type { AttemptOutcome } from '../jobs/job-runner';

/** Printing through the Electron main process (the desktop app's `electron:<printer>` printers). */
export interface HostPrinter {
  print(request: Omit<HostPrintRequest, 'kind'>): Promise<AttemptOutcome>;
  printers(): Promise<HostPrinterInfo[]>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The core's end of the host channel: requests go out with an id, answers come back by id. An
 * answer that never comes (main process busy, window gone, timeout) after the PDF left is
 * "uncertain", like a lost answer from a TCP printer: the page may have come out, a manager decides.
 */
export function createHostPrinter(post: (message: HostRequestMessage) => void, options: { timeoutMs?: number } = {}) {
  let nextId = 1;
  const pending = new Map<number, { settle: (answer: HostAnswer | null, why: string) => void }>();

  /** `posted` false: the request never left (the port refused it), so nothing can have printed. */
  function ask(request: HostRequestBody): Promise<{ answer: HostAnswer | null; why: string; posted: boolean }> {
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(null, 'the desktop app did not answer in time'),
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      timer.unref?.();
      let posted = false;
      function settle(answer: HostAnswer | null, why: string): void {
        clearTimeout(timer);
        pending.delete(id);
        resolve({ answer, why, posted });
      }
      pending.set(id, { settle });
      try {
        post({ type: 'host-request', id, request });
        posted = true;
      } catch (error) {
        settle(null, `could not reach the desktop app: ${error instanceof Error ? error.message : error}`);
      }
    });
  }

  const printer: HostPrinter = {
    async print(request) {
      const { answer, why, posted } = await ask({ kind: 'print', ...request });
      if (!posted) return { result: 'retry', error: why };
      if (answer?.result === 'printed') return { result: 'sent' };
      if (answer?.result === 'failed') return { result: 'failed', error: answer.reason };
      return { result: 'uncertain', error: answer ? 'the desktop app answered something else' : why };
    },
    async printers() {
      const { answer } = await ask({ kind: 'printers' });
      return answer?.result === 'printers' ? answer.printers : [];
    },
  };

  return {
    ...printer,
    /** An answer from the main process; anything that does not parse is dropped (its request times out). */
    answered(message: HostAnswerMessage): void {
      const parsed = HostAnswer.safeParse(message.answer);
      const call = pending.get(message.id);
      if (!call) return;
      if (parsed.success) call.settle(parsed.data, '');
      else call.settle(null, 'the desktop app sent an answer that does not parse');
    },
    /** The main process is going away: every waiting print is uncertain. */
    abandonAll(why: string): void {
      for (const call of [...pending.values()]) call.settle(null, why);
    },
  };
}
