/**
 * Kassa never stores, logs or shows a full card number: brand and last four at most. Text that comes
 * from elsewhere passes one of two nets: a terminal's slip carries no other long digit runs, so every
 * run is masked; an audit note or setting may carry long ids, so there only a Luhn-valid standalone
 * run (what a card number looks like) is.
 */

/** Belt and braces: a slip should carry a masked number, but a full PAN must never be stored. */
export function maskCardNumbers(line: string): string {
  return line.replace(/\d(?:[ -]?\d){12,18}/g, (match) => {
    const digits = match.replace(/\D/g, '');
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

/**
 * A full card number must never be stored: a standalone run of 13–19 digits (spaces or dashes
 * allowed) that passes the Luhn check keeps its last four. Ids with a timestamp in them
 * (`RF20261201…`, `P-20261201…-B9C`) are not standalone and stay readable.
 */
export function maskDigits(text: string): string {
  return text.replace(/(?<![A-Za-z0-9_-])\d(?:[ -]?\d){12,18}(?![A-Za-z0-9_-])/g, (match) => {
    const digits = match.replace(/\D/g, '');
    return luhn(digits) ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : match;
  });
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
