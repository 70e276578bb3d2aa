import { describe, expect, it } from 'vitest';
import { CsvError, readCsv, readCsvRecords } from '../../electron/core/payments/checkout/checkout-csv';
import { numberAsDecimal } from '../../electron/core/payments/checkout/checkout-decimal';
import { decimalToMinor } from '../../shared/money/decimal';

/** The two small readers under Checkout.com's report files: CSV fields and decimal amounts. */
describe('Checkout.com report files: CSV and decimal amounts', () => {
  it('reads quoted fields (commas, doubled quotes, line breaks), CRLF, a byte-order mark and a trailing blank line', () => {
    const text =
      '\uFEFFPayout ID,Client Entity Name,Reference\r\nABC,"Kassa Demo, B.V.","say ""hi""\r\nagain"\r\nDEF,,KS1\r\n\r\n';
    expect(readCsv(text)).toEqual({
      header: ['Payout ID', 'Client Entity Name', 'Reference'],
      rows: [
        ['ABC', 'Kassa Demo, B.V.', 'say "hi"\r\nagain'],
        ['DEF', '', 'KS1'],
      ],
    });
    expect(readCsvRecords('a,b\n1,2').records).toEqual([{ a: '1', b: '2' }]);
  });

  it('refuses a line with another number of fields than the header, and a quote left open', () => {
    expect(() => readCsvRecords('a,b\n1,2,3\n')).toThrow(CsvError);
    expect(() => readCsvRecords('a,b\n1,"2\n')).toThrow(/not closed/);
  });

  it('turns decimals into minor units by the currency, digit by digit', () => {
    expect(decimalToMinor('50.00', 'EUR', 'exact')).toBe(5000);
    expect(decimalToMinor('-0.28000000', 'EUR', 'exact')).toBe(-28);
    expect(decimalToMinor('34.16', 'EUR', 'exact')).toBe(3416);
    expect(decimalToMinor('1500', 'JPY', 'exact')).toBe(1500);
    expect(decimalToMinor('0.1', 'EUR', 'exact')).toBe(10);
    expect(decimalToMinor('-0.00', 'EUR', 'exact')).toBe(0);
    // Below the minor unit: refused where the amount must be whole, rounded half away from zero otherwise.
    expect(decimalToMinor('12.345', 'EUR', 'exact')).toBeNull();
    expect(decimalToMinor('12.345', 'EUR', 'round')).toBe(1235);
    expect(decimalToMinor('-12.345', 'EUR', 'round')).toBe(-1235);
    expect(decimalToMinor('12.34499999', 'EUR', 'round')).toBe(1234);
    expect(decimalToMinor('1500.5', 'JPY', 'round')).toBe(1501);
    // Not a plain decimal: never guessed.
    for (const text of ['1,234.00', '1e3', '', '€5', '5.00 EUR', '--1']) {
      expect(decimalToMinor(text, 'EUR', 'round')).toBeNull();
    }
    // A JSON number of the Financial Actions API: its written digits, not the float's.
    expect(numberAsDecimal(1.005)).toBe('1.00500000');
    expect(decimalToMinor(numberAsDecimal(1.005), 'EUR', 'round')).toBe(101);
    expect(decimalToMinor(numberAsDecimal(-0.16), 'EUR', 'round')).toBe(-16);
  });
});
