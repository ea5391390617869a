import type { CheckDefinition } from '../types.ts';
import { adminLoginUnchanged } from './admin-login-unchanged.ts';
import { apiKeysUnexpiring } from './api-keys-unexpiring.ts';
import { databaseListExposed } from './database-list-exposed.ts';
import { databaseManagerExposed } from './database-manager-exposed.ts';
import { demoUsersActive } from './demo-users-active.ts';
import { errorDetailsExposed } from './error-details-exposed.ts';
import { httpNotRedirectedToHttps } from './http-not-redirected-to-https.ts';
import { httpWithoutTls } from './http-without-tls.ts';
import { incomingMailServerWithoutTls } from './incoming-mail-server-without-tls.ts';
import { knownAdvisories } from './known-advisories.ts';
import { loginCooldownDisabled } from './login-cooldown-disabled.ts';
import { mailServerWithoutTls } from './mail-server-without-tls.ts';
import { missingSecurityHeaders } from './missing-security-headers.ts';
import { publicSignupEnabled } from './public-signup-enabled.ts';
import { tlsCertificateInvalid } from './tls-certificate-invalid.ts';
import { usersWithout2fa } from './users-without-2fa.ts';
import { versionDisclosure } from './version-disclosure.ts';

/** The security dimension's checks, one module each. */
export const securityChecks: readonly CheckDefinition[] = [
  knownAdvisories,
  databaseManagerExposed,
  databaseListExposed,
  usersWithout2fa,
  adminLoginUnchanged,
  demoUsersActive,
  publicSignupEnabled,
  loginCooldownDisabled,
  apiKeysUnexpiring,
  mailServerWithoutTls,
  incomingMailServerWithoutTls,
  httpWithoutTls,
  httpNotRedirectedToHttps,
  tlsCertificateInvalid,
  missingSecurityHeaders,
  versionDisclosure,
  errorDetailsExposed,
];
