const BASE_MS = 500;
const MAX_MS = 60_000;

/**
 * Exponential backoff with jitter (half to full of the step), capped at a minute; the server's
 * Retry-After wins when it asks for longer.
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs: number | null = null): number {
  const step = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt));
  const jittered = Math.round(step * (0.5 + random() * 0.5));
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, Math.min(jittered, retryAfterMs + 1_000));
}
