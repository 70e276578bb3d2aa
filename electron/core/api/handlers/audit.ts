import type { AuditTrail } from '../../audit/audit-trail';
import type { HandlerMap } from './handler-map';

export interface AuditHandlerDeps {
  auditTrail: Pick<AuditTrail, 'list' | 'verify'>;
}

/** The audit trail for a manager: read it filtered, and check its chain (ADR 0016). */
export function createAuditHandlers(deps: AuditHandlerDeps): HandlerMap<'audit.list' | 'audit.verify'> {
  return {
    async 'audit.list'(input) {
      return deps.auditTrail.list(input);
    },
    async 'audit.verify'() {
      return deps.auditTrail.verify();
    },
  };
}
