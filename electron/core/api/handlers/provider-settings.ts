import type { ProviderSettingsService } from '../../payments/provider-settings';
import type { HandlerMap } from './handler-map';

export interface ProviderSettingsHandlerDeps {
  providerSettings: ProviderSettingsService;
}

/** The payment providers' settings as Settings shows and changes them, for every registered provider. */
export function createProviderSettingsHandlers(
  deps: ProviderSettingsHandlerDeps,
): HandlerMap<'providers.settings.list' | 'providers.settings.save'> {
  const { providerSettings } = deps;
  return {
    async 'providers.settings.list'() {
      return providerSettings.list();
    },

    async 'providers.settings.save'(input) {
      return providerSettings.save(input);
    },
  };
}
