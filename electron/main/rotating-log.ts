import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A log file that never grows past `maxBytes`: when full it becomes core.log.1 (older ones shift
 * to .2 … .keep, the oldest is dropped). Synchronous appends: the log is small and must survive a
 * crash of the process that wrote it.
 */
export function createRotatingLog(file: string, options: { maxBytes?: number; keep?: number } = {}) {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  mkdirSync(dirname(file), { recursive: true });
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) {
      if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    if (existsSync(file)) renameSync(file, `${file}.1`);
    size = 0;
  };

  return {
    write(text: string): void {
      const line = text.endsWith('\n') ? text : `${text}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += bytes;
    },
  };
}
