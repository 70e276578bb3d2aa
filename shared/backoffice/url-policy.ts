/**
 * The back-office address carries the station's bearer token and every sale: it must be https,
 * except on this computer's own loopback (the embedded demo back-office, a local test server),
 * where no network sees the traffic. Pure, so every host (browser mode, Electron, the settings
 * screen) can apply the same rule.
 */
export type BackofficeUrlVerdict =
  | { readonly ok: true; readonly url: URL }
  | {
      readonly ok: false;
      readonly reason: 'invalid' | 'scheme' | 'insecure' | 'credentials';
      readonly message: string;
    };

export function checkBackofficeUrl(raw: string): BackofficeUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'invalid', message: `not a web address: ${raw}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: 'scheme',
      message: `the back-office address must start with https:// (got ${url.protocol})`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials', message: 'put the token in the token setting, not in the address' };
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    return {
      ok: false,
      reason: 'insecure',
      message: `the back-office address must use https:// (http:// is only allowed for this computer: localhost, 127.0.0.1, [::1]); got ${url.host}`,
    };
  }
  return { ok: true, url };
}

/**
 * Loopback as the WHATWG URL parser normalises it: "localhost", 127.0.0.0/8 (also written 127.1 or
 * 0x7f.1, which the parser turns into dotted form) and [::1]. Not "localhost." or *.localhost names,
 * which a resolver could send elsewhere.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}
