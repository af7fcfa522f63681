// Which host names the practice site answers for, and how to point a browser at it.

/** Replica of the OpenAI log-in pages. */
export const OPENAI_AUTH_HOST = 'auth.openai.com';
/** Replica of the OpenAI platform dashboard (a single-page app). */
export const OPENAI_PLATFORM_HOST = 'platform.openai.com';
/** Replica of the OpenAI API endpoints the live key check calls. */
export const OPENAI_API_HOST = 'api.openai.com';
/** The real hosted Innoslate. */
export const INNOSLATE_HOST = 'cloud.innoslate.com';
/**
 * Hosts that serve the same Innoslate replica but are NOT cloud.innoslate.com:
 * two lookalikes an extension must not trust, and one that stands for a
 * self-hosted Innoslate an admin may add on purpose.
 */
export const INNOSLATE_LOOKALIKE_HOSTS = Object.freeze([
  'cloud.innoslate.com.example.net',
  'cloud-innoslate.com',
  'innoslate.example.test',
]);

export const INNOSLATE_HOSTS = Object.freeze([INNOSLATE_HOST, ...INNOSLATE_LOOKALIKE_HOSTS]);

export const ALL_HOSTS = Object.freeze([
  OPENAI_PLATFORM_HOST,
  OPENAI_AUTH_HOST,
  OPENAI_API_HOST,
  ...INNOSLATE_HOSTS,
]);

/** Chromium flags that send every practice host to 127.0.0.1:port and trust the leaf key. */
export function chromiumArgsFor(port, spkiHash, hosts = ALL_HOSTS) {
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`);
  rules.push('EXCLUDE localhost');
  return [
    `--host-resolver-rules=${rules.join(', ')}`,
    `--ignore-certificate-errors-spki-list=${spkiHash}`,
  ];
}

/**
 * Firefox prefs doing the same. `network.socket.forcePort` is parsed by
 * nsSocketTransportService::UpdatePortRemapPreference with the grammar
 * `PORTS=TARGET[;PORTS=TARGET...]` where PORTS is `p`, `p-q` or a comma list of
 * those. So "443=P,80=P" is ILL-FORMED (the whole pref is then ignored);
 * "80,443=P" or "443=P;80=P" work. Certificates still need the run's CA
 * imported into the profile (certutil) or `acceptInsecureCerts`.
 */
export function firefoxPrefsFor(port, hosts = ALL_HOSTS) {
  return {
    'network.dns.localDomains': hosts.join(','),
    'network.socket.forcePort': `80,443=${port}`,
  };
}
