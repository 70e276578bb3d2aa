/**
 * Checks a counter's audit trail offline, on its own file or a copy (ADR 0016):
 *   npx tsx electron/core/audit/verify-cli.ts --data-dir <dir>    (or --file <kassa.sqlite>)
 *   npm run audit:verify -- --data-dir <dir>
 * Exit 0: the chain is whole. Exit 1: it breaks (the seq and the reason are printed). Exit 2: usage
 * or the file cannot be read. Opens the file read-only and never migrates it. Each answer names the
 * chain (its id and since when, migration 0230), the key the back-office keeps the rows under.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditChainOf } from './audit-chain';
import { verifyAuditChain } from './audit-verify';

function fileFrom(args: readonly string[]): string | null {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? (args[at + 1] ?? null) : null;
  };
  const file = value('--file');
  if (file) return file;
  const dir = value('--data-dir');
  return dir ? join(dir, 'kassa.sqlite') : null;
}

function main(args: readonly string[]): number {
  const file = fileFrom(args);
  if (!file) {
    console.error('usage: verify-cli --data-dir <dir> | --file <kassa.sqlite>');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    console.error(`cannot open ${file}: ${String(error)}`);
    return 2;
  }
  try {
    const result = verifyAuditChain(db);
    const identity = auditChainOf(db);
    const chain = identity
      ? `chain ${identity.chainId} since ${identity.createdAt}`
      : 'no chain id (a file from before chain ids)';
    if (result.ok) {
      console.log(`audit trail OK: ${result.checked} rows checked, ${chain} (${file})`);
      return 0;
    }
    const where = result.brokenAt === null ? '' : ` at seq ${result.brokenAt}`;
    console.log(`audit trail BROKEN${where}: ${result.reason} (${result.checked} rows checked, ${chain}, ${file})`);
    return 1;
  } catch (error) {
    console.error(`cannot check ${file}: ${String(error)}`);
    return 2;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
