import { spawn } from 'node:child_process';
import type { AttemptOutcome } from '../jobs/job-runner';

/**
 * Prints a PDF on a system printer through the operating system's print system (CUPS `lp` on Linux
 * and macOS): the page size is given explicitly, since CUPS defaults differ per driver. `lp` exits
 * once the job is queued at the local scheduler, which then owns it: that is "sent" for us.
 * The scheduler not running → retry; no such printer or no `lp` → failed with the reason.
 */
export function printPdfWithLp(
  printer: string,
  pdf: Buffer,
  options: { title: string; lpCommand?: string; timeoutMs?: number },
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      options.lpCommand ?? 'lp',
      ['-d', printer, '-t', options.title, '-o', 'media=A4', '-o', 'fit-to-page', '--', '-'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(
        error.code === 'ENOENT'
          ? { result: 'failed', error: 'lp is not installed (CUPS): system printers cannot be used here' }
          : { result: 'retry', error: `lp: ${error.message}` },
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const said = output.trim();
      if (code === 0) resolve({ result: 'sent' });
      else if (signal) resolve({ result: 'uncertain', error: `lp stopped (${signal}): ${said}` });
      else if (/does not exist|unknown destination|not exist/i.test(said)) resolve({ result: 'failed', error: said });
      else resolve({ result: 'retry', error: said || `lp exited with ${code}` });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}
