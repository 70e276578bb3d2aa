import { z } from 'zod';
import { PrintPageSize } from '../../../shared/host/print-protocol';
import type { Channel } from '../jobs/job-runner';
import type { ReceiptDocuments } from '../receipts/receipt-documents';
import { RECEIPT_LANGUAGES } from '../receipts/receipt-language';
import { thermalReceipt, thermalRefundReceipt } from '../receipts/receipt-thermal';
import { EscPosEncoder } from './escpos-encoder';
import type { HostPrinter } from './host-printer';
import { printPdfWithLp } from './system-printer';
import { printOverTcp } from './tcp-printer';
import { testPagePdf } from './test-page-pdf';

/** A print job: which frozen receipt, laid out how, or a test page. The target is the printer URI. */
export const PrintJobPayload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('receipt'),
    paymentId: z.string(),
    /** Set: the refund's own document instead of the payment's receipt. */
    refundId: z.string().nullable().optional(),
    language: z.enum(RECEIPT_LANGUAGES),
    copy: z.boolean(),
    width: z.union([z.literal(80), z.literal(58)]),
    codePage: z.enum(['cp858', 'cp1252']),
    openDrawer: z.boolean(),
    station: z.string(),
    /** `electron:` printers only: frozen at enqueue from the printer's settings. */
    pageSize: PrintPageSize.optional(),
    silent: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('test'),
    codePage: z.enum(['cp858', 'cp1252']),
    station: z.string(),
    pageSize: PrintPageSize.optional(),
    silent: z.boolean().optional(),
  }),
]);
export type PrintJobPayload = z.infer<typeof PrintJobPayload>;

function testPage(codePage: 'cp858' | 'cp1252', station: string): Buffer {
  return new EscPosEncoder()
    .initialize(codePage)
    .align('center')
    .bold(true)
    .size(2, 2)
    .line('Kassa')
    .size(1, 1)
    .bold(false)
    .line(`Test page / Testpagina – ${station}`)
    .line('€ 1.234,56 – äöü ß é ø å')
    .qr('kassa-test')
    .feed(3)
    .cut()
    .encode();
}

export function createPrintChannel(deps: {
  documents: ReceiptDocuments;
  lpCommand?: string;
  /** The desktop app's printing (the core runs under Electron); absent in browser mode. */
  hostPrinter?: HostPrinter | null;
}): Channel {
  return {
    // Raw 9100 cannot tell whether the paper came out: a manager decides, and a reprint says "copy".
    afterCrash: 'uncertain',
    async attempt(job) {
      const payload = PrintJobPayload.parse(JSON.parse(job.payload));
      const viaElectron = job.target.startsWith('electron:');
      if (job.target.startsWith('system:') || viaElectron) {
        // A system printer gets the A4 receipt PDF (the same document as the e-mail), or a PDF test page.
        if (viaElectron && !deps.hostPrinter)
          return { result: 'failed', error: 'electron: printers print only in the desktop app' };
        let pdf: Buffer;
        try {
          pdf =
            payload.type === 'test'
              ? await testPagePdf(payload.station, job.createdAt)
              : payload.refundId
                ? await deps.documents.renderRefundReceipt(payload.refundId, payload.language)
                : await deps.documents.renderPaymentReceipt(payload.paymentId, payload.language);
        } catch (error) {
          return {
            result: 'failed',
            error: `receipt not available: ${error instanceof Error ? error.message : error}`,
          };
        }
        if (viaElectron && deps.hostPrinter)
          return deps.hostPrinter.print({
            pdfBase64: pdf.toString('base64'),
            printer: job.target.slice('electron:'.length),
            pageSize: payload.pageSize ?? 'A4',
            silent: payload.silent ?? true,
            copies: 1,
          });
        const title =
          payload.type === 'test'
            ? 'kassa-test-page'
            : `receipt-${deps.documents.paymentReceiptModel(payload.paymentId).reference}`;
        return printPdfWithLp(job.target.slice('system:'.length), pdf, { title, lpCommand: deps.lpCommand });
      }
      if (!job.target.startsWith('tcp://'))
        return { result: 'failed', error: `printer not supported here: ${job.target}` };
      let bytes: Buffer;
      try {
        bytes =
          payload.type === 'test'
            ? testPage(payload.codePage, payload.station)
            : payload.refundId
              ? thermalRefundReceipt(deps.documents.refundReceiptModel(payload.refundId), payload)
              : thermalReceipt(deps.documents.paymentReceiptModel(payload.paymentId), {
                  ...payload,
                  voided: deps.documents.paymentVoided(payload.paymentId),
                });
      } catch (error) {
        return { result: 'failed', error: `receipt not available: ${error instanceof Error ? error.message : error}` };
      }
      return printOverTcp(job.target, bytes);
    },
  };
}
