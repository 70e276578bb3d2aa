import iconv from 'iconv-lite';

/** What a printer made of the bytes it received. */
export interface Printout {
  lines: string[];
  /** Code pages selected with ESC t, by table number (19 = PC858, 16 = WPC1252). */
  codePages: number[];
  boldLines: string[];
  largeLines: string[];
  qrCodes: string[];
  cuts: number;
  drawerKicks: number;
  statusRequests: number[];
}

const TABLES: Record<number, string> = { 0: 'cp437', 16: 'win1252', 19: 'cp858' };

/**
 * Decodes the ESC/POS subset Kassa sends, the way an Epson-compatible printer would: text is read
 * in the code page selected last, so a wrong table shows as wrong characters in the test.
 */
export function decodeEscPos(data: Buffer, onStatus?: (n: number) => void): Printout {
  const out: Printout = {
    lines: [],
    codePages: [],
    boldLines: [],
    largeLines: [],
    qrCodes: [],
    cuts: 0,
    drawerKicks: 0,
    statusRequests: [],
  };
  let table = 0;
  let bold = false;
  let large = false;
  let text: number[] = [];
  let qrStore = '';
  const flush = () => {
    const line = iconv.decode(Buffer.from(text), TABLES[table] ?? 'cp437');
    out.lines.push(line);
    if (bold) out.boldLines.push(line);
    if (large) out.largeLines.push(line);
    text = [];
  };
  let i = 0;
  const at = (k: number) => data[i + k] ?? 0;
  while (i < data.length) {
    const b = at(0);
    if (b === 0x0a) {
      flush();
      i += 1;
    } else if (b === 0x1b) {
      const cmd = at(1);
      if (cmd === 0x40) i += 2;
      else if (cmd === 0x74) {
        table = at(2);
        out.codePages.push(table);
        i += 3;
      } else if (cmd === 0x45) {
        bold = at(2) === 1;
        i += 3;
      } else if (cmd === 0x61 || cmd === 0x64) i += 3;
      else if (cmd === 0x70) {
        out.drawerKicks += 1;
        i += 5;
      } else i += 2;
    } else if (b === 0x1d) {
      const cmd = at(1);
      if (cmd === 0x21) {
        large = at(2) !== 0;
        i += 3;
      } else if (cmd === 0x56) {
        out.cuts += 1;
        i += at(2) === 0x41 || at(2) === 0x42 ? 4 : 3;
      } else if (cmd === 0x28 && at(2) === 0x6b) {
        const length = at(3) + at(4) * 256;
        const body = data.subarray(i + 5, i + 5 + length);
        if (body[0] === 0x31 && body[1] === 0x50) qrStore = body.subarray(3).toString('utf8');
        if (body[0] === 0x31 && body[1] === 0x51) out.qrCodes.push(qrStore);
        i += 5 + length;
      } else i += 2;
    } else if (b === 0x10 && at(1) === 0x04) {
      out.statusRequests.push(at(2));
      onStatus?.(at(2));
      i += 3;
    } else {
      text.push(b);
      i += 1;
    }
  }
  if (text.length > 0) flush();
  return out;
}
