import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/test-engine';

export const hasCups = existsSync('/usr/sbin/cupsd') && existsSync('/usr/lib/cups/backend/cups-pdf');
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

/**
 * A private CUPS scheduler for one test: its own config, spool and unix socket (CUPS_SERVER), with
 * one virtual PDF printer (Debian's printer-driver-cups-pdf, writing to ~/PDF of the job's user).
 * Nothing of the machine's own CUPS is used or changed; the test stops it by its process id.
 */
export async function startPrivateCups(printer = 'KassaPDF') {
  const dir = tempDir('kassa-cups-');
  for (const sub of ['spool', 'tmp', 'cache', 'state', 'ppd']) mkdirSync(join(dir, sub));
  // Filters run as the unprivileged `lp` user: they need to reach the folder and write temp files.
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'tmp'), 0o1777);
  const socket = join(dir, 'cups.sock');
  writeFileSync(
    join(dir, 'cupsd.conf'),
    `Listen ${socket}\nLogLevel warn\nDefaultAuthType None\nWebInterface No\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n`,
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${dir}/spool`,
      `TempDir ${dir}/tmp`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `ErrorLog ${dir}/error_log`,
      `AccessLog ${dir}/access_log`,
      `PageLog ${dir}/page_log`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      '',
    ].join('\n'),
  );
  const daemon: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')],
    { stdio: 'ignore' },
  );
  const env = { ...process.env, CUPS_SERVER: socket };
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  execFileSync('/usr/sbin/lpadmin', ['-p', printer, '-E', '-v', 'cups-pdf:/', '-P', PPD], { env, stdio: 'ignore' });
  return {
    socket,
    printer,
    close: async () => {
      daemon.kill('SIGTERM');
      await new Promise((resolve) => daemon.once('exit', resolve));
    },
  };
}
