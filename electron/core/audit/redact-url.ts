/**
 * URLs in the audit trail (ADR 0016): an outgoing webhook's URL, a back-office or provider address
 * may carry a credential in its userinfo (`https://user:token@host/…`), its query (`?token=…`) or
 * its fragment (`#access_token=…`). The trail keeps what says where it points (scheme, host, port,
 * path) and replaces the rest: userinfo, each query value and the fragment become `•••`; the query's
 * names stay, so a reader still sees which parameters were set. A token inside the path itself is
 * kept (the path is what tells two receivers apart): see ADR 0016.
 */

export const URL_REDACTED = '•••';

/** `scheme://` then the rest up to whitespace or a quote: an absolute URL, also inside longer text. */
const ABSOLUTE_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** One absolute URL, redacted; text that is not `scheme://…` comes back as it was. */
export function redactUrl(url: string): string {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (!parts) return url;
  const [, scheme = '', authority = '', path = '', query, fragment] = parts;
  // The last `@` ends the userinfo (a password typed with a raw `@` in it still counts as userinfo).
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? `${URL_REDACTED}@${authority.slice(at + 1)}` : authority;
  return `${scheme}${host}${path}${query === undefined ? '' : redactQuery(query)}${fragment === undefined ? '' : `#${URL_REDACTED}`}`;
}

/** `?a=1&b&c=` → `?a=•••&•••&c=•••`: a bare item may itself be the token, so it goes too. */
function redactQuery(query: string): string {
  if (query === '?') return query;
  const items = query
    .slice(1)
    .split(/([&;])/)
    .map((item, i) => {
      if (i % 2 === 1 || item === '') return item;
      const eq = item.indexOf('=');
      return eq >= 0 ? `${item.slice(0, eq)}=${URL_REDACTED}` : URL_REDACTED;
    });
  return `?${items.join('')}`;
}

/** Every absolute URL in a piece of text, redacted (the rest of the text is left alone). */
export function redactUrls(text: string): string {
  return text.includes('://') ? text.replace(ABSOLUTE_URL, redactUrl) : text;
}
