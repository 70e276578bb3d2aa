import type { Migration } from '../types';
import { m0010Initial } from './0010-initial';
import { m0020Sync } from './0020-sync';
import { m0030Providers } from './0030-providers';
import { m0040ProviderRefUnique } from './0040-provider-ref-unique';
import { m0050PayNlCloud } from './0050-paynl-cloud';
import { m0070ReceiptDocuments } from './0070-receipt-documents';
import { m0080DemoMode } from './0080-demo-mode';
import { m0090Voids } from './0090-voids';
import { m0100Search } from './0100-search';
import { m0110Jobs } from './0110-jobs';
import { m0120CustomerLanguage } from './0120-customer-language';
import { m0130Settlements } from './0130-settlements';
import { m0140Users } from './0140-users';
import { m0150AuditEvents } from './0150-audit-events';
import { m0160BusinessDays } from './0160-business-days';
import { m0170PayLinks } from './0170-pay-links';
import { m0185CustomerProviders } from './0185-customer-providers';
import { m0190Reconciliation } from './0190-reconciliation';
import { m0200SettlementPayouts } from './0200-settlement-payouts';
import { m0220PayTraceSettled } from './0220-paytrace-settled';
import { m0230AuditChain } from './0230-audit-chain';

/** In version order; versions go up in tens so a fix can be slotted in between. */
export const MIGRATIONS: readonly Migration[] = [
  m0010Initial,
  m0020Sync,
  m0030Providers,
  m0040ProviderRefUnique,
  m0050PayNlCloud,
  m0070ReceiptDocuments,
  m0080DemoMode,
  m0090Voids,
  m0100Search,
  m0110Jobs,
  m0120CustomerLanguage,
  m0130Settlements,
  m0140Users,
  m0150AuditEvents,
  m0160BusinessDays,
  m0170PayLinks,
  m0185CustomerProviders,
  m0190Reconciliation,
  m0200SettlementPayouts,
  m0220PayTraceSettled,
  m0230AuditChain,
];

for (let i = 1; i < MIGRATIONS.length; i++) {
  const prev = MIGRATIONS[i - 1];
  const next = MIGRATIONS[i];
  if (prev && next && next.version <= prev.version) throw new Error(`migration ${next.name} is out of order`);
}
