import type { IncomingMessage } from 'node:http';
import { BoSettlementRefs, PROBLEM_TYPES } from '../shared/backoffice/schemas';
import { readRequestBody } from './read-request-body';
import { type BackofficeStore, problem, type StoredAnswer } from './store';

/** `POST /v1/settlements` (the server's one route line). */
export async function settlementRefsRoute(
  req: IncomingMessage,
  stationId: string,
  key: string,
  store: BackofficeStore,
): Promise<StoredAnswer> {
  const raw = await readRequestBody(req, 5 * 1024 * 1024);
  let parsed: ReturnType<typeof BoSettlementRefs.safeParse>;
  try {
    parsed = BoSettlementRefs.safeParse(JSON.parse(raw.toString('utf8')));
  } catch {
    return problem(400, PROBLEM_TYPES.invalidRequest, 'the body is not JSON');
  }
  if (!parsed.success) return problem(400, PROBLEM_TYPES.invalidRequest, parsed.error.message);
  if (parsed.data.stationId !== stationId) return problem(403, PROBLEM_TYPES.unauthorized, 'stationId is not yours');
  const refs = parsed.data;
  return store.idempotent(stationId, key, raw, () => store.settlementRefs.record(refs));
}
