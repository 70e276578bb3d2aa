import { describe, expect, it } from 'vitest';
import { engineOptionsFromEnvironment } from '../../../electron/core/server/host-environment';
import { parseBrowserModeOptions } from '../../../electron/core/server/options';

describe('the hosts’ environment, parsed with zod', () => {
  it('refuses a number that is not a number, naming the variable (no NaN into the engine)', () => {
    expect(() => engineOptionsFromEnvironment({ KASSA_ECR_PORT: 'abc' })).toThrow(/invalid KASSA_ECR_PORT: "abc"/);
    expect(() => engineOptionsFromEnvironment({ KASSA_ECR_DISCOVERY_PORT: '88.5' })).toThrow(
      /KASSA_ECR_DISCOVERY_PORT/,
    );
    expect(() => engineOptionsFromEnvironment({ KASSA_WEBHOOK_PORT: '70000' })).toThrow(/invalid KASSA_WEBHOOK_PORT/);
    expect(() => engineOptionsFromEnvironment({ KASSA_DEMO_MOBILEPAY_MS: 'soon' })).toThrow(/KASSA_DEMO_MOBILEPAY_MS/);
    expect(() => parseBrowserModeOptions([], { KASSA_PORT: 'abc' })).toThrow(/invalid KASSA_PORT/);
    expect(() => parseBrowserModeOptions([], { KASSA_SANDBOX_PHASE_MS: '5' })).toThrow(/KASSA_SANDBOX_PHASE_MS/);
  });

  it('reads good values, and treats an empty variable as unset', () => {
    const options = engineOptionsFromEnvironment({
      KASSA_ECR_PORT: '9000',
      KASSA_ECR_DISCOVERY_PORT: '',
      KASSA_WEBHOOK_PORT: '0',
      KASSA_DEMO_PAYNL: '1',
    });
    expect(options.ecr).toEqual({ discoveryAddress: undefined, discoveryPort: undefined, tcpPort: 9000 });
    expect(options.webhooks).toEqual({ port: 0, host: '127.0.0.1', publicUrl: null });
    expect(options.demoOptions).toEqual({ mobilePayApproveMs: undefined, payNlSettleMs: 3_000 });
  });

  it('refuses an unknown flag', () => {
    expect(() => parseBrowserModeOptions(['--verbose'], {})).toThrow(/Unknown option '--verbose'/);
  });
});
