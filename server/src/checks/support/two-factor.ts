/**
 * Two-factor authentication as Odoo provides it: TOTP per user (auth_totp), and from 16.0 an
 * enforcement policy (auth_totp_mail, parameter `auth_totp.policy`) that sends e-mailed codes to
 * users who did not set up TOTP: `employee_required` covers internal users, `all_required` everyone.
 */
import type { ModuleFact } from '../../facts/types.ts';
import { isInstalled } from './modules.ts';

/** Whether an e-mail code is enforced for internal users who have no TOTP. */
export function twoFactorEnforcedForInternalUsers(modules: readonly ModuleFact[], parameters: Readonly<Record<string, string>>): boolean {
  if (!isInstalled(modules, 'auth_totp_mail')) return false;
  const policy = parameters['auth_totp.policy'];
  return policy === 'employee_required' || policy === 'all_required';
}
