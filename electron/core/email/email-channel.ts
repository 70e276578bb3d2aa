import { z } from 'zod';
import type { Channel } from '../jobs/job-runner';
import { RECEIPT_LANGUAGES, type ReceiptLanguage } from '../receipts/receipt-language';
import { PaymentLinkMailPayload, paymentLinkMailTexts } from './payment-link-mail';
import { type MailDocument, receiptMailTexts, testMailTexts } from './receipt-mail';
import { sendOverSmtp } from './smtp-send';
import type { SmtpConfig } from './smtp-settings';

/** An e-mail job's payload: which frozen document, to whom, in which language. */
export const EmailJobPayload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('receipt'),
    to: z.string(),
    language: z.enum(RECEIPT_LANGUAGES),
    documentKind: z.enum(['payment', 'refund']),
    documentId: z.string(),
  }),
  z.object({ type: z.literal('test'), to: z.string(), language: z.enum(RECEIPT_LANGUAGES) }),
  PaymentLinkMailPayload,
]);
export type EmailJobPayload = z.infer<typeof EmailJobPayload>;

export interface EmailChannelDeps {
  smtp: () => SmtpConfig | null;
  /** The frozen document rendered in the mail's language (the same bytes every attempt). */
  loadDocument: (kind: 'payment' | 'refund', id: string, language: ReceiptLanguage) => Promise<MailDocument>;
}

export function createEmailChannel(deps: EmailChannelDeps): Channel {
  return {
    afterCrash: 'uncertain',
    async attempt(job) {
      const config = deps.smtp();
      if (!config) return { result: 'retry', error: 'no mail server is set up' };
      const payload = EmailJobPayload.parse(JSON.parse(job.payload));
      const base = {
        to: payload.to,
        messageId: job.messageId,
        date: new Date(job.createdAt),
        language: payload.language,
      };
      if (payload.type === 'test') {
        return sendOverSmtp(config, { ...base, ...testMailTexts(payload.language), attachments: [] });
      }
      if (payload.type === 'payment_link') {
        return sendOverSmtp(config, { ...base, ...paymentLinkMailTexts(payload), attachments: [] });
      }
      let document: MailDocument;
      try {
        document = await deps.loadDocument(payload.documentKind, payload.documentId, payload.language);
      } catch (error) {
        // Nothing left the machine: a document that cannot be rendered is a failure to show, not a guess.
        return { result: 'failed', error: `receipt not available: ${error instanceof Error ? error.message : error}` };
      }
      const texts = receiptMailTexts(document, payload.language);
      return sendOverSmtp(config, {
        ...base,
        ...texts,
        attachments: [
          {
            filename: `${document.kind === 'refund' ? 'refund' : 'receipt'}-${document.reference}.pdf`,
            content: document.pdf,
            contentType: 'application/pdf',
          },
        ],
      });
    },
  };
}
