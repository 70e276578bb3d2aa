import { z } from 'zod';
import {
  BoAuditEvent,
  BoDayCloseRecord,
  BoInvoiceHold,
  BoInvoiceHoldRequest,
  BoPaymentAccepted,
  BoPaymentRecord,
  BoRecordAccepted,
  BoRefundRecord,
  BoSettlementRefs,
  CustomerPage,
  InvoicePage,
  Problem,
} from './schemas';
import { UserList } from './user-schemas';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: ref(schema) } });
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref(Problem) } },
});
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'Unique per record. Same key and same body: the first answer is returned again. Same key, other body: 422.',
  schema: { type: 'string', minLength: 8, maxLength: 255 },
};
const holdKey = {
  name: 'key',
  in: 'path',
  required: true,
  description: "The attempt's Idempotency-Key the hold was taken under.",
  schema: { type: 'string', minLength: 8, maxLength: 255 },
};
const pageParams = [
  { name: 'after', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,18}$', default: '0' } },
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 } },
];
const errors = {
  '400': problemResponse('The request does not match this contract.'),
  '401': problemResponse('Unknown station or wrong token.'),
  '429': {
    ...problemResponse('Too many requests; honour Retry-After.'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
  '503': problemResponse('Temporarily unavailable; retry with the same Idempotency-Key.'),
};

function ref(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('schema without an id');
  return { $ref: `#/components/schemas/${id}` };
}

/**
 * The back-office contract as an OpenAPI 3.1 document, generated from the zod schemas that the
 * client and the reference server use. `npm run openapi` writes docs/backoffice-api.openapi.json.
 */
export function backofficeOpenApi() {
  const components = z.toJSONSchema(
    z.object({
      a: CustomerPage,
      b: InvoicePage,
      c: BoPaymentRecord,
      d: BoPaymentAccepted,
      e: BoRefundRecord,
      f: BoRecordAccepted,
      g: Problem,
      h: BoInvoiceHoldRequest,
      i: BoInvoiceHold,
      users: UserList,
      j: BoDayCloseRecord,
      k: BoAuditEvent,
      l: BoSettlementRefs,
    }),
    { target: 'draft-2020-12' },
  ) as { $defs?: Record<string, unknown> };
  // zod points shared schemas at #/$defs; in an OpenAPI document they live under components.
  const schemas = JSON.parse(
    JSON.stringify(components.$defs ?? {}).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, unknown>;

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kassa back-office API (FreshPortal-style)',
      version: '1.0.0',
      description:
        'What a Kassa counter needs from a back-office: incremental pull of customers and invoices, short holds on invoices while a card is at a terminal, and push of payments, receipts and refunds. Invoices change only through these records.',
    },
    servers: [{ url: 'https://backoffice.example.com' }],
    security: [{ station: [] }],
    components: {
      securitySchemes: {
        station: {
          type: 'http',
          scheme: 'bearer',
          description: 'Per-counter token; the counter also sends its station id in the Kassa-Station header.',
        },
      },
      parameters: {
        station: { name: 'Kassa-Station', in: 'header', required: true, schema: { type: 'string', maxLength: 32 } },
      },
      schemas,
    },
    paths: {
      '/v1/users': {
        get: {
          summary: "The shop's users with their role and a PIN hash or an enrolment code (404 or empty: none)",
          parameters: [{ $ref: '#/components/parameters/station' }],
          responses: { '200': { description: 'Every active user', content: json(UserList) }, ...errors },
        },
      },
      '/v1/customers': {
        get: {
          summary: 'Customers changed since a cursor, oldest change first',
          parameters: [{ $ref: '#/components/parameters/station' }, ...pageParams],
          responses: { '200': { description: 'A page of changes', content: json(CustomerPage) }, ...errors },
        },
      },
      '/v1/invoices': {
        get: {
          summary: 'Invoices changed since a cursor (including paid, credited or voided elsewhere)',
          parameters: [{ $ref: '#/components/parameters/station' }, ...pageParams],
          responses: { '200': { description: 'A page of changes', content: json(InvoicePage) }, ...errors },
        },
      },
      '/v1/payments': {
        post: {
          summary: 'Record a payment and apply its allocations atomically',
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoPaymentRecord) },
          responses: {
            '200': {
              description: 'Already recorded (same payment id); the first answer',
              content: json(BoPaymentAccepted),
            },
            '201': { description: 'Recorded and applied', content: json(BoPaymentAccepted) },
            '409': problemResponse('Over-allocation, or an invoice that is no longer open: nothing was applied.'),
            '422': problemResponse(
              'Unknown customer or invoice, currency mismatch, or an Idempotency-Key reused for another body.',
            ),
            ...errors,
          },
        },
      },
      '/v1/payments/{paymentId}/receipt': {
        put: {
          summary: "Attach the counter's PDF receipt to a recorded payment",
          description:
            'The receipt shows the payment as approved, dated by its approval; it is the same bytes on every retry. A later refund has its own document (PUT /v1/refunds/{refundId}/receipt).',
          parameters: [
            { $ref: '#/components/parameters/station' },
            idempotencyKey,
            { name: 'paymentId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
          ],
          requestBody: {
            required: true,
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          },
          responses: {
            '200': { description: 'Stored', content: json(BoRecordAccepted) },
            '404': problemResponse('No such payment.'),
            ...errors,
          },
        },
      },
      '/v1/invoice-holds': {
        post: {
          summary: 'Hold invoices for one payment attempt before its amount goes to a terminal',
          description:
            "Sent under the attempt's Idempotency-Key. Another station's (or attempt's) live hold that leaves too little of an invoice is a 409 naming the invoices; expired holds are ignored. A station's own holds never block it (its own database reserves them).",
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoInvoiceHoldRequest) },
          responses: {
            '201': { description: 'Held until expiresAt', content: json(BoInvoiceHold) },
            '409': problemResponse('invoice-held-elsewhere: `held` names the invoices and the stations holding them.'),
            '422': problemResponse('Unknown invoice, or an Idempotency-Key reused for another body.'),
            ...errors,
          },
        },
      },
      '/v1/invoice-holds/{key}': {
        delete: {
          summary: 'Release a hold: the attempt ended without taking money (idempotent)',
          parameters: [{ $ref: '#/components/parameters/station' }, holdKey],
          responses: {
            '200': {
              description: 'Released (or already converted or applied: unchanged)',
              content: json(BoInvoiceHold),
            },
            '404': problemResponse('No such hold (never taken, or taken by another station).'),
            ...errors,
          },
        },
      },
      '/v1/invoice-holds/{key}/convert': {
        post: {
          summary: 'The attempt took the money: keep the hold until its payment record arrives',
          description:
            'Idempotent. The payment record (POST /v1/payments with the same paymentId) marks the hold applied; a converted hold whose record never comes expires after a day.',
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey, holdKey],
          responses: {
            '200': { description: 'Converted (or already applied: unchanged)', content: json(BoInvoiceHold) },
            '404': problemResponse('No such hold.'),
            ...errors,
          },
        },
      },
      '/v1/refunds/{refundId}/receipt': {
        put: {
          summary: "Attach the counter's PDF refund receipt (credit note) to a recorded refund",
          parameters: [
            { $ref: '#/components/parameters/station' },
            idempotencyKey,
            { name: 'refundId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
          ],
          requestBody: {
            required: true,
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          },
          responses: {
            '200': { description: 'Stored', content: json(BoRecordAccepted) },
            '404': problemResponse('No such refund.'),
            ...errors,
          },
        },
      },
      '/v1/audit-events': {
        post: {
          summary: "Record one row of the counter's hash-chained audit trail",
          description:
            "Sent in seq order, one row at a time, under the Idempotency-Key `audit:<station>:<chainId>:<seq>` (`audit:<station>:<seq>` for a row without a chain id). The back-office recomputes `hash` (SHA-256 of the canonical form in docs/adr/0016-audit-trail.md; `chainId` is not part of it) and keeps the rows per sending station, chain and seq, so the history survives the counter and a reinstalled counter (a new database, so a new chain id) is kept beside its old chain. The same station, chain and seq with another hash is a 409. A row without `chainId` (a counter from before chain ids) belongs to the station's one chain without an id.",
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoAuditEvent) },
          responses: {
            '200': {
              description: 'Already recorded (same station, chain, seq and hash)',
              content: json(BoRecordAccepted),
            },
            '201': { description: 'Recorded', content: json(BoRecordAccepted) },
            '409': problemResponse(
              'audit-chain-conflict: this station already sent another row with this seq in this chain.',
            ),
            '422': problemResponse(
              'audit-hash-mismatch: the hash is not that of the row; or an Idempotency-Key reused for another body.',
            ),
            ...errors,
          },
        },
      },
      '/v1/refunds': {
        post: {
          summary: 'Record a refund or void of a recorded payment',
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoRefundRecord) },
          responses: {
            '201': { description: 'Recorded', content: json(BoRecordAccepted) },
            '404': problemResponse('No such payment.'),
            ...errors,
          },
        },
      },
      '/v1/day-closes': {
        post: {
          summary: "Record a station's end of day (Z report); one per station and Z number",
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoDayCloseRecord) },
          responses: {
            '201': { description: 'Recorded', content: json(BoRecordAccepted) },
            '200': {
              description: 'This station and Z number were recorded before: the first record stands',
              content: json(BoRecordAccepted),
            },
            ...errors,
          },
        },
      },
      '/v1/settlements': {
        post: {
          summary: "Record a payment's settlement references (payout id, settled date, gross/fee/net per line)",
          description:
            "Sent after the counter matched the providers' settlement data to the payment; a later message for the same payment replaces the earlier one (payout ids are filled in later). Link payouts to invoices and customers through the payment.",
          parameters: [{ $ref: '#/components/parameters/station' }, idempotencyKey],
          requestBody: { required: true, content: json(BoSettlementRefs) },
          responses: {
            '201': { description: 'Recorded', content: json(BoRecordAccepted) },
            '404': problemResponse('No such payment.'),
            ...errors,
          },
        },
      },
    },
  };
}
