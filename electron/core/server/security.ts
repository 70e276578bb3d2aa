import { sameSecret } from '../secrets/constant-time';

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  return Boolean(given) && sameSecret(expected, given);
}

/** Only our own loopback origin may talk to the API: guards against DNS rebinding and other sites. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}` || hostHeader === `[::1]:${port}`;
}
