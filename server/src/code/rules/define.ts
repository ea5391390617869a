/**
 * Declares a code rule with the defaults every code rule shares (Custom code dimension, OCA
 * contribution guidelines as first reference).
 */
import type { CodeRuleMeta } from '../types.ts';
import { codeRuleId, type CodeRule } from './api.ts';

export const OCA_GUIDELINES = 'https://github.com/OCA/odoo-community.org/blob/master/website/Contribution/CONTRIBUTING.rst';
export const ODOO_GUIDELINES = 'https://www.odoo.com/documentation/18.0/contributing/development/coding_guidelines.html';
export const ODOO_SECURITY = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html';

type MetaInput = Omit<CodeRuleMeta, 'id' | 'dimension' | 'references' | 'pylintOdoo' | 'ocaHook'> &
  Partial<Pick<CodeRuleMeta, 'dimension' | 'references' | 'pylintOdoo' | 'ocaHook'>> & { name: string };

export function defineRule(input: MetaInput, hooks: Omit<CodeRule, 'meta'>): CodeRule {
  const { name, ...rest } = input;
  return {
    meta: {
      // Code rules live under custom_code.; the few that belong to another dimension are named after it.
      id: rest.dimension && rest.dimension !== 'custom_code' ? `${rest.dimension}.${name}` : codeRuleId(name),
      dimension: 'custom_code',
      references: [],
      pylintOdoo: null,
      ocaHook: null,
      ...rest,
    },
    ...hooks,
  };
}
