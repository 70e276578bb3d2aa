import { defineProviderModule } from '../provider-module';
import { createSandboxProvider, SANDBOX_TERMINALS } from './sandbox-provider';
import { SandboxTerminal } from './sandbox-terminal';

/**
 * The demo's simulated card terminals. Present only when the host hands the engine a sandbox
 * terminal (demo asked for), and registered for as long as that is so, so its old payments can still
 * be resolved; it offers terminals only while the demo is on.
 */
export const sandboxModule = defineProviderModule<never>({
  id: 'sandbox',
  create(deps) {
    const device = deps.demo?.sandboxTerminal;
    if (!(device instanceof SandboxTerminal)) return null;
    const demo = deps.demo;
    const sandbox = createSandboxProvider(device, { pollIntervalMs: deps.options.pollIntervalMs ?? 100 });
    return {
      provider: { ...sandbox, listTerminals: async () => (demo?.active() ? sandbox.listTerminals() : []) },
      knownTerminals: SANDBOX_TERMINALS,
    };
  },
});
