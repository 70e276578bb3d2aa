import iconv from 'iconv-lite';

/**
 * The code pages a receipt is printed in, both with the € sign. Epson-compatible printers select
 * them with ESC t: PC858 is page 19, WPC1252 page 16 (Star printers in Star mode differ: not supported).
 */
export const CODE_PAGES = { cp858: { table: 19, iconv: 'cp858' }, cp1252: { table: 16, iconv: 'win1252' } } as const;
export type CodePage = keyof typeof CODE_PAGES;

const ESC = 0x1b;
const GS = 0x1d;

/**
 * A small ESC/POS encoder for what a receipt needs: text in a € code page, alignment, bold, double
 * size, a QR code, feed, cut and the drawer kick. Ours rather than a library's because the few
 * commands are fixed byte strings we can test byte for byte, and the libraries get the QR length
 * wrong for non-ASCII data or open the network themselves (see the report / README).
 */
export class EscPosEncoder {
  private readonly chunks: Buffer[] = [];
  private page: CodePage = 'cp858';

  private raw(...bytes: number[]): this {
    this.chunks.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @: reset, then ESC t n for the code page. */
  initialize(codePage: CodePage): this {
    this.page = codePage;
    return this.raw(ESC, 0x40).raw(ESC, 0x74, CODE_PAGES[codePage].table);
  }

  align(where: 'left' | 'center' | 'right'): this {
    return this.raw(ESC, 0x61, { left: 0, center: 1, right: 2 }[where]);
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! n: width and height multipliers 1–8. */
  size(width: number, height: number): this {
    return this.raw(GS, 0x21, ((width - 1) << 4) | (height - 1));
  }

  text(value: string): this {
    this.chunks.push(iconv.encode(value, CODE_PAGES[this.page].iconv));
    return this;
  }

  line(value = ''): this {
    return this.text(value).raw(0x0a);
  }

  feed(lines: number): this {
    return this.raw(ESC, 0x64, lines);
  }

  /** QR model 2, module size 1–16, error correction M; the store length counts bytes, not characters. */
  qr(data: string, moduleSize = 6): this {
    const bytes = Buffer.from(data, 'utf8');
    const length = bytes.length + 3;
    this.raw(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0); // model 2
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize);
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31); // error correction M
    this.raw(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30);
    this.chunks.push(bytes);
    return this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30); // print
  }

  /** GS V 66 n: feed to the cutter and cut partially (what counter printers do by default). */
  cut(): this {
    return this.raw(GS, 0x56, 0x42, 3);
  }

  /** ESC p m t1 t2: a pulse on drawer pin 2 (25 × 2 ms on, 250 × 2 ms off). */
  openDrawer(): this {
    return this.raw(ESC, 0x70, 0, 25, 250);
  }

  encode(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** DLE EOT n: real-time status. 2 = offline cause, 4 = paper roll sensor. */
export const STATUS_REQUEST = { offline: Buffer.from([0x10, 0x04, 2]), paper: Buffer.from([0x10, 0x04, 4]) };

/** What the paper sensor byte says (bits 5–6 paper end, bits 2–3 near end). */
export function paperStatus(byte: number): 'ok' | 'near_end' | 'out' {
  if (byte & 0x60) return 'out';
  if (byte & 0x0c) return 'near_end';
  return 'ok';
}

/** What the offline-cause byte says (bit 2 cover open, bit 5 stopped for paper end, bit 6 error). */
export function offlineStatus(byte: number): 'ok' | 'cover_open' | 'paper_out' | 'error' {
  if (byte & 0x04) return 'cover_open';
  if (byte & 0x20) return 'paper_out';
  if (byte & 0x40) return 'error';
  return 'ok';
}
