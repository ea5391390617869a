import { defineCheck } from '../types.ts';

export const companyWithoutCountry = defineCheck({
  id: 'configuration.company-without-country',
  dimension: 'configuration',
  severity: 'low',
  title: 'Company without a country',
  rationale:
    "A company's country drives its fiscal localisation (chart of accounts, taxes, fiscal positions, legal report layouts and e-invoicing formats), its address format and several defaults. An active company without one cannot get its localisation installed and falls back to generic accounting settings, which is wrong for any legal entity that issues invoices.",
  remediation:
    'Set the country on the company in Settings > Companies. Then install and apply the matching fiscal localisation in the Accounting settings before the company issues documents.',
  effortHours: 0.5,
  references: ['https://www.odoo.com/documentation/18.0/applications/finance/fiscal_localizations.html'],
  requires: ['companies'],
  evaluate({ companies }) {
    return companies
      .filter((c) => c.active && !c.country)
      .map((company) => ({
        object: { kind: 'instance' as const, key: `res.company:${company.id}`, label: company.name },
        message: `Company '${company.name}' has no country, so no fiscal localisation can apply to it.`,
        evidence: { companyId: company.id },
      }));
  },
});
