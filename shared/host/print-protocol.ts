import { z } from 'zod';

/**
 * Requests the core sends to the Electron main process (and their answers): printing needs a
 * browser engine, which only the main process has. Both sides parse with these schemas, since the
 * message port carries whatever the other process put on it.
 */
export const PRINT_PAGE_SIZES = ['A4', '80mm', '58mm'] as const;
export const PrintPageSize = z.enum(PRINT_PAGE_SIZES);
export type PrintPageSize = z.infer<typeof PrintPageSize>;

/** A receipt PDF is a few tens of kB; the cap keeps a runaway request from filling the main process. */
export const MAX_PRINT_PDF_BASE64 = 20 * 1024 * 1024;

export const HostPrintRequest = z
  .object({
    kind: z.literal('print'),
    pdfBase64: z
      .string()
      .min(1)
      .max(MAX_PRINT_PDF_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
    /** The printer's name as the operating system knows it (getPrintersAsync's `name`). */
    printer: z.string().trim().min(1).max(256),
    pageSize: PrintPageSize,
    /** False: the system print dialog opens with this printer chosen. */
    silent: z.boolean(),
    copies: z.number().int().min(1).max(10),
  })
  .strict();
export type HostPrintRequest = z.infer<typeof HostPrintRequest>;

export const HostPrintersRequest = z.object({ kind: z.literal('printers') }).strict();

export const HostRequestBody = z.discriminatedUnion('kind', [HostPrintRequest, HostPrintersRequest]);
export type HostRequestBody = z.infer<typeof HostRequestBody>;

export const HostPrinterInfo = z.object({
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
});
export type HostPrinterInfo = z.infer<typeof HostPrinterInfo>;

export const HostAnswer = z.discriminatedUnion('result', [
  z.object({ result: z.literal('printed') }).strict(),
  z.object({ result: z.literal('failed'), reason: z.string().max(2_000) }).strict(),
  z.object({ result: z.literal('printers'), printers: z.array(HostPrinterInfo).max(500) }).strict(),
]);
export type HostAnswer = z.infer<typeof HostAnswer>;

/** core → main: please do this (answered once, by id). */
export interface HostRequestMessage {
  readonly type: 'host-request';
  readonly id: number;
  readonly request: HostRequestBody;
}

/** main → core: the answer to the host request with this id. */
export interface HostAnswerMessage {
  readonly type: 'host-answer';
  readonly id: number;
  readonly answer: HostAnswer;
}

export const HostRequestMessage = z
  .object({ type: z.literal('host-request'), id: z.number().int().nonnegative(), request: HostRequestBody })
  .strict();
export const HostAnswerMessage = z
  .object({ type: z.literal('host-answer'), id: z.number().int().nonnegative(), answer: HostAnswer })
  .strict();
