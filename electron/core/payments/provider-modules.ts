import { checkoutModule } from './checkout';
import { payNlModule } from './paynl';
import { payTraceModule } from './paytrace';
import type { ProviderModule } from './provider-module';
import { sandboxModule } from './sandbox';
import { vippsModule } from './vipps';

/**
 * Every payment provider Kassa knows: one line each. A new provider is a folder `payments/<id>/`
 * whose index.ts exports its ProviderModule, and a line here. Terminals list in this order.
 */
export const PROVIDER_MODULES: readonly ProviderModule[] = [
  sandboxModule,
  payNlModule,
  vippsModule,
  checkoutModule,
  payTraceModule,
];
