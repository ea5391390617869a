/** Where a scanned URL points: the same machine, a private network, or the internet. */

export type HostScope = 'loopback' | 'private' | 'public';

export function hostScope(url: string): HostScope {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return 'public';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
  if (
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /^fe80:/.test(host) ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    host.endsWith('.lan') ||
    !host.includes('.')
  ) {
    return 'private';
  }
  return 'public';
}

/** Mail or other server host names that mean "this machine". */
export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  return hostScope(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`) === 'loopback';
}
