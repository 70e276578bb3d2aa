import type { ProviderSettingsService } from '../../payments/provider-settings';
import type { HandlerMap } from './handler-map';

export interface ProviderSettingsHandlerDeps {
  providerSettings: ProviderSettingsService;
}

/** The payment providers' settings as Settings shows and changes them. */
export function createProviderSettingsHandlers(
  deps: ProviderSettingsHandlerDeps,
): HandlerMap<'providers.settings' | 'providers.configurePayNl' | 'providers.configureVipps'> {
  const { providerSettings } = deps;
  return {
    async 'providers.settings'() {
      return providerSettings.view();
    },

    async 'providers.configurePayNl'(input) {
      return providerSettings.configurePayNl(input);
    },

    async 'providers.configureVipps'(input) {
      return providerSettings.configureVipps(input);
    },
  };
}
