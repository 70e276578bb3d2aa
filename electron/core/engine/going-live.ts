import type { ProviderSettingsService } from '../payments/provider-settings';

/**
 * Saving real provider credentials ends the demo: refused first while the demo books have
 * unfinished business, then the demo back-office is let go (its books archived) at once.
 */
export function guardGoingLive(
  providerSettings: ProviderSettingsService,
  deps: { demoActive: () => boolean; assertMayLeaveDemo: () => void; leftDemo: () => void },
): ProviderSettingsService {
  const guarded =
    <I>(change: (input: I) => ReturnType<ProviderSettingsService['list']>) =>
    (input: I) => {
      const wasDemo = deps.demoActive();
      if (wasDemo) deps.assertMayLeaveDemo();
      const view = change(input);
      if (wasDemo && !deps.demoActive()) deps.leftDemo();
      return view;
    };
  return {
    ...providerSettings,
    save: guarded(providerSettings.save),
  };
}
