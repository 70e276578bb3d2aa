import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The text a person sees in a PDF (base64), read by poppler's pdftotext. */
export function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kassa-pdf-')), 'receipt.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
