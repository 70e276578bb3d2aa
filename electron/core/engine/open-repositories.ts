import type { Db } from '../db/open-database';
import { createCustomerRepository } from '../repositories/customers';
import { createInvoiceRepository } from '../repositories/invoices';
import { createOutboxRepository } from '../repositories/outbox';
import { createPaymentRepository } from '../repositories/payments';
import { createProviderEventRepository } from '../repositories/provider-events';
import { createRefundRepository } from '../repositories/refunds';
import { createSettingsRepository } from '../repositories/settings';
import { createUnmatchedRepository } from '../repositories/unmatched';
import { createVoidRepository } from '../repositories/voids';

/** Every table's repository over one open database. */
export function openRepositories(db: Db) {
  return {
    customers: createCustomerRepository(db),
    invoices: createInvoiceRepository(db),
    payments: createPaymentRepository(db),
    outbox: createOutboxRepository(db),
    settings: createSettingsRepository(db),
    refunds: createRefundRepository(db),
    voids: createVoidRepository(db),
    providerEvents: createProviderEventRepository(db),
    unmatched: createUnmatchedRepository(db),
  };
}

export type Repositories = ReturnType<typeof openRepositories>;
