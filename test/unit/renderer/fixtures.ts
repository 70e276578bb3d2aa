import type { Invoice, PaymentDto, SyncStatus, SystemStatus, TerminalDto } from '../../../shared/api/schemas';

export function aPayment(overrides: Partial<PaymentDto> = {}): PaymentDto {
  return {
    id: 'pay-1',
    reference: 'K-0001',
    customerId: 'cust-1',
    customerName: 'Bloemenhandel De Tulp',
    amount: { minor: 12_50, currency: 'EUR' },
    method: 'card_terminal',
    provider: 'sandbox',
    phone: null,
    terminalId: 'term-1',
    terminalName: 'Counter 1',
    status: 'pending',
    phase: null,
    cancelRequested: false,
    providerRef: null,
    cardBrand: null,
    cardLast4: null,
    failureReason: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    allocations: [],
    refundedMinor: 0,
    refunds: [],
    refundKinds: [],
    cardSlip: null,
    providerConfigured: true,
    voidable: false,
    voidStatus: null,
    ...overrides,
  };
}

export function aSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: true,
    online: true,
    waiting: 0,
    held: 0,
    lastSuccessAt: null,
    lastError: null,
    rejectedCredentials: false,
    ...overrides,
  };
}

export function aSystemStatus(sync: Partial<SyncStatus> = {}, overrides: Partial<SystemStatus> = {}): SystemStatus {
  return { mode: 'demo', recovering: false, outboxDepth: 0, version: '0.1.0', sync: aSyncStatus(sync), ...overrides };
}

export function anInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv-1',
    number: '2026-0001',
    issueDate: '2026-11-01',
    dueDate: '2026-12-01',
    amountMinor: 100_00,
    outstandingMinor: 100_00,
    currency: 'EUR',
    overdue: false,
    ...overrides,
  };
}

export const counterTerminal: TerminalDto = {
  id: 'term-1',
  name: 'Counter 1',
  provider: 'sandbox',
  kind: 'terminal',
  online: true,
  busy: false,
  refunds: true,
  connection: null,
};
