import { closeSync, fchmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Writes a file only this user may read (0600), whatever was there before: launch.json carries the
 * API token. A `mode` given to open or writeFile only applies when the file is created, so an old
 * file left 0644 would stay readable by all; instead the text goes to a fresh file that is private
 * before anything is written to it, which then replaces the old one in a single rename.
 */
export function writePrivateFile(path: string, text: string): void {
  const fresh = `${path}.${process.pid}.tmp`;
  rmSync(fresh, { force: true });
  const fd = openSync(fresh, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // the umask can only narrow the mode given to open; say it outright
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(fresh, path);
  } catch (error) {
    rmSync(fresh, { force: true });
    throw error;
  }
}
