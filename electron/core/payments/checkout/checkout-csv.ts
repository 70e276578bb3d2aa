/**
 * A small RFC 4180 CSV reader for Checkout.com's report files: comma-separated, fields optionally in
 * double quotes (a quote inside doubled, commas and line breaks allowed inside), CRLF or LF line ends,
 * an optional UTF-8 byte-order mark, blank lines skipped. The first line is the header.
 * Kassa has no CSV dependency and needs only this much.
 */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parseRecords(text.replace(/^\uFEFF/, ''));
  const nonBlank = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const [header = [], ...rows] = nonBlank;
  return { header: header.map((h) => h.trim()), rows };
}

/**
 * The rows as objects keyed by the header's names. A row with more or fewer fields than the header
 * is an error (a truncated download or a misread quote), never silently padded.
 */
export function readCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const { header, rows } = readCsv(text);
  const records = rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new CsvError(`line ${index + 2}: ${row.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
  });
  return { header, records };
}

export class CsvError extends Error {
  override name = 'CsvError';
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (quoted) throw new CsvError('a quoted field is not closed (the file ends inside it)');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
