import type { BackofficeConnection } from '../../sync/backoffice-connection';
import type { HandlerMap } from './handler-map';

export interface BackofficeHandlerDeps {
  connection: BackofficeConnection;
}

/** Which back-office this counter's books belong to. */
export function createBackofficeHandlers(
  deps: BackofficeHandlerDeps,
): HandlerMap<'backoffice.settings' | 'backoffice.configure'> {
  const { connection } = deps;
  return {
    async 'backoffice.settings'() {
      return connection.current();
    },

    'backoffice.configure': (input) => connection.configure(input),
  };
}
