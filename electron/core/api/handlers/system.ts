import type { SystemStatus } from '../../../../shared/api/schemas';
import type { HandlerMap } from './handler-map';

export interface SystemHandlerDeps {
  systemStatus: () => SystemStatus;
}

export function createSystemHandlers(deps: SystemHandlerDeps): HandlerMap<'system.status'> {
  return {
    async 'system.status'() {
      return deps.systemStatus();
    },
  };
}
