/**
 * The environment the core's utility process gets: its own KASSA_* settings (provider credentials,
 * back-office, demo switches) plus what the OS and Node need to run, locate temp folders, resolve
 * proxies and trust a shop's own CA; nothing else of the main process's environment (tokens of other
 * tools, ELECTRON_* switches, NODE_OPTIONS). The data key is never here: it goes over the port.
 */
const PASSED_THROUGH = new Set([
  // OS basics
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'SystemRoot',
  'WINDIR',
  'windir',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'COMSPEC',
  // networking at a shop: proxies and a company CA for the back-office
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
]);

/** Never passed, even if someone set them with a KASSA_ prefix by mistake. */
const NEVER = new Set(['KASSA_SECRET_KEY']);

export function coreEnvironment(
  parent: NodeJS.ProcessEnv,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || NEVER.has(name)) continue;
    if (PASSED_THROUGH.has(name) || name.startsWith('LC_') || name.startsWith('KASSA_')) env[name] = value;
  }
  for (const [name, value] of Object.entries(own)) if (!NEVER.has(name)) env[name] = value;
  return env;
}
