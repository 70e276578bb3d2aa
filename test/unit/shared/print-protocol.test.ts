import { describe, expect, it } from 'vitest';
import {
  HostAnswer,
  HostAnswerMessage,
  HostRequestBody,
  HostRequestMessage,
  MAX_PRINT_PDF_BASE64,
} from '../../../shared/host/print-protocol';

const print = {
  kind: 'print',
  pdfBase64: 'JVBERi0xLjc=',
  printer: 'Office Laser',
  pageSize: '80mm',
  silent: true,
  copies: 1,
};

describe('the core ↔ main print protocol', () => {
  it('accepts a print request with base64 PDF, printer, page size, silent flag and copies', () => {
    expect(HostRequestBody.parse(print)).toEqual(print);
    expect(HostRequestMessage.parse({ type: 'host-request', id: 1, request: print }).request).toEqual(print);
    expect(HostRequestBody.parse({ kind: 'printers' })).toEqual({ kind: 'printers' });
  });

  it('refuses what is not base64, an empty printer, other page sizes, bad copies and unknown fields', () => {
    for (const bad of [
      { ...print, pdfBase64: '' },
      { ...print, pdfBase64: '<script>' },
      { ...print, pdfBase64: 'A'.repeat(MAX_PRINT_PDF_BASE64 + 4) },
      { ...print, printer: '   ' },
      { ...print, pageSize: 'Letter' },
      { ...print, copies: 0 },
      { ...print, copies: 1.5 },
      { ...print, copies: 11 },
      { ...print, silent: 'yes' },
      { ...print, deviceName: 'x' },
      { kind: 'open', url: 'https://example.com' },
    ]) {
      expect(HostRequestBody.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
    expect(HostRequestMessage.safeParse({ type: 'host-request', id: -1, request: print }).success).toBe(false);
  });

  it('answers printed, failed with a reason, or the printer list', () => {
    expect(HostAnswer.parse({ result: 'printed' })).toEqual({ result: 'printed' });
    expect(HostAnswer.parse({ result: 'failed', reason: 'no paper' })).toEqual({
      result: 'failed',
      reason: 'no paper',
    });
    const printers = { result: 'printers', printers: [{ name: 'P', displayName: 'P', isDefault: false }] };
    expect(HostAnswer.parse(printers)).toEqual(printers);
    expect(HostAnswer.safeParse({ result: 'failed' }).success).toBe(false);
    expect(HostAnswer.safeParse({ result: 'maybe' }).success).toBe(false);
    expect(HostAnswerMessage.safeParse({ type: 'host-answer', id: 3, answer: { result: 'printed' } }).success).toBe(
      true,
    );
  });
});
