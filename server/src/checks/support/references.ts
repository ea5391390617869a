/** Public references several checks cite (one place, so a moved page is fixed once). */
export const REF = {
  odooDeploy: 'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
  odooSecurityReference: 'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html',
  odooAccessRights: 'https://www.odoo.com/documentation/18.0/applications/general/users/access_rights.html',
  odooUsers: 'https://www.odoo.com/documentation/18.0/applications/general/users.html',
  odoo2fa: 'https://www.odoo.com/documentation/18.0/applications/general/users/2fa.html',
  odooExternalApi: 'https://www.odoo.com/documentation/18.0/developer/reference/external_api.html',
  odooSupportedVersions: 'https://www.odoo.com/documentation/18.0/administration/supported_versions.html',
  odooUpdate: 'https://www.odoo.com/documentation/18.0/administration/on_premise/update.html',
  odooUpgrade: 'https://www.odoo.com/documentation/18.0/administration/upgrade.html',
  odooSecurityPage: 'https://www.odoo.com/security',
  odooSecurityAdvisories: 'https://github.com/odoo/odoo/issues?q=label%3ASecurity',
  owaspMisconfiguration: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/',
  owaspAccessControl: 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/',
  owaspAuthFailures: 'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
  owaspOutdatedComponents: 'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/',
  owaspLoggingFailures: 'https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/',
  owaspMfaCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Multifactor_Authentication_Cheat_Sheet.html',
  owaspAuthCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
  owaspTlsCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
  owaspHstsCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html',
  owaspClickjackingCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html',
  owaspHeadersProject: 'https://owasp.org/www-project-secure-headers/',
  owaspLoggingCheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html',
  owaspErrorHandling: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
  nist80063b: 'https://pages.nist.gov/800-63-3/sp800-63b.html',
  gdprArt5: 'https://gdpr-info.eu/art-5-gdpr/',
  gdprArt15: 'https://gdpr-info.eu/art-15-gdpr/',
  gdprArt17: 'https://gdpr-info.eu/art-17-gdpr/',
  gdprArt30: 'https://gdpr-info.eu/art-30-gdpr/',
  gdprArt32: 'https://gdpr-info.eu/art-32-gdpr/',
  pciDss: 'https://www.pcisecuritystandards.org/document_library/',
} as const;

/** A file of the Odoo source on GitHub for a series branch (e.g. the code that reads a parameter). */
export function odooSource(path: string, branch = '18.0'): string {
  return `https://github.com/odoo/odoo/blob/${branch}/${path}`;
}
