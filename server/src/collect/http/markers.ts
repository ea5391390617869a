/**
 * Page features recognised in a response body. The strings are those real Odoo 17.0/18.0 pages
 * contain (see the `body_contains` flags of the http.* fixtures).
 */
export const MARKER_RULES: ReadonlyArray<{ marker: string; test: (body: string) => boolean }> = [
  { marker: 'login-form', test: (b) => b.includes('oe_login_form') },
  { marker: 'password-field', test: (b) => b.includes('name="password"') },
  { marker: 'database-manager', test: (b) => b.includes('o_database_list') || b.includes('Manage Databases') || b.includes('master_pwd') },
  { marker: 'database-list', test: (b) => b.includes('o_database_list') },
  { marker: 'master-password-field', test: (b) => b.includes('master_pwd') },
  { marker: 'signup-link', test: (b) => b.includes('/web/signup') },
  { marker: 'reset-password-link', test: (b) => b.includes('/web/reset_password') },
  { marker: 'csrf-token', test: (b) => b.includes('csrf_token') },
  { marker: 'website', test: (b) => b.includes('data-website-id') },
  { marker: 'powered-by-odoo', test: (b) => b.includes('Powered by') && b.includes('odoo.com') },
  { marker: 'server-version', test: (b) => b.includes('server_version') },
  { marker: 'traceback', test: (b) => b.includes('Traceback') },
  { marker: 'debug-assets', test: (b) => b.includes('/web/assets/debug/') || b.includes('debug=assets') || /["']debug["']\s*:\s*["']assets/.test(b) },
];

export function recogniseMarkers(body: string): string[] {
  return MARKER_RULES.filter((rule) => rule.test(body)).map((rule) => rule.marker);
}
