import { describe, expect, it } from 'vitest';
import { licenceConflict } from '../../../server/src/checks/module_health/licence-conflict.ts';
import { missingDependency } from '../../../server/src/checks/module_health/missing-dependency.ts';
import { modulesNotLoaded } from '../../../server/src/checks/module_health/modules-not-loaded.ts';
import type { ModuleDependencyFact } from '../../../server/src/facts/types.ts';
import { factsWith } from '../../support/facts.ts';
import { logEntry, logs, module, MODULES_18, run } from '../support/records.ts';

function dep(moduleName: string, dependsOn: string, state = 'installed'): ModuleDependencyFact {
  return { module: moduleName, dependsOn, state };
}

/** A slice of the fixture's real dependency rows (account → base_setup, onboarding, product…). */
const FIXTURE_DEPS = [dep('account', 'base_setup'), dep('account', 'onboarding'), dep('account', 'product'), dep('sale', 'account'), dep('mail', 'base')];
const MODULES = [...MODULES_18, module('base_setup'), module('onboarding'), module('product')];

describe('module_health.missing-dependency', () => {
  it('reports an installed module whose dependencies are uninstalled or unknown to the server', () => {
    const modules = [...MODULES, module('x_wms', { author: 'Acme' }), module('stock', { state: 'uninstalled' })];
    const deps = [...FIXTURE_DEPS, dep('x_wms', 'stock', 'uninstalled'), dep('x_wms', 'x_wms_base', 'unknown'), dep('x_wms', 'account')];
    const result = run(missingDependency, factsWith({ modules, moduleDependencies: deps }));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].object.key).toBe('x_wms');
    expect(result.findings[0].message).toBe("Installed module 'x_wms' depends on 'stock' (uninstalled), 'x_wms_base' (unknown to the server).");
  });

  it('passes on consistent dependencies, and ignores uninstalled modules with uninstalled dependencies', () => {
    const modules = [...MODULES, module('crm', { state: 'uninstalled' })];
    const deps = [...FIXTURE_DEPS, dep('crm', 'sales_team', 'uninstalled')];
    expect(run(missingDependency, factsWith({ modules, moduleDependencies: deps })).status).toBe('passed');
  });
});

describe('module_health.licence-conflict', () => {
  it('reports a proprietary module built on an AGPL module', () => {
    const modules = [...MODULES, module('x_report_pro', { author: 'Acme', license: 'OPL-1' }), module('report_xlsx', { author: 'ACSONE SA/NV,Creu Blanca,Odoo Community Association (OCA)', license: 'AGPL-3' })];
    const deps = [...FIXTURE_DEPS, dep('x_report_pro', 'report_xlsx'), dep('x_report_pro', 'account')];
    const [finding] = run(licenceConflict, factsWith({ modules, moduleDependencies: deps })).findings;
    expect(finding.object.key).toBe('x_report_pro');
    expect(finding.message).toBe("Module 'x_report_pro' is licensed OPL-1 but depends on 'report_xlsx' (AGPL-3).");
  });

  it('passes for proprietary modules on LGPL ones (Odoo Enterprise on Community) and for AGPL on AGPL', () => {
    const modules = [...MODULES, module('account_payment_term', { license: 'OEEL-1' }), module('oca_a', { license: 'AGPL-3' }), module('oca_b', { license: 'AGPL-3' })];
    const deps = [...FIXTURE_DEPS, dep('account_payment_term', 'account'), dep('oca_a', 'oca_b')];
    expect(run(licenceConflict, factsWith({ modules, moduleDependencies: deps })).status).toBe('passed');
  });
});

describe('module_health.modules-not-loaded', () => {
  const notLoaded = (id: number, date: string, list: string) =>
    logEntry({ id, createDate: date, name: 'odoo.modules.loading', level: 'ERROR', message: `Some modules are not loaded, some dependencies or manifest may be missing: ${list}` });

  it('reports each module of the most recent start-up message', () => {
    const entries = [notLoaded(9, '2026-12-04 19:30:00', "['theme_cobalt', 'theme_common']"), notLoaded(2, '2026-12-01 08:00:00', "['theme_cobalt', 'x_old', 'theme_common']")];
    const result = run(modulesNotLoaded, factsWith({ logs: logs(entries) }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['theme_cobalt', 'theme_common']);
    expect(result.findings[0].message).toContain('(2026-12-04 19:30:00 UTC)');
  });

  it('passes when no such message is logged', () => {
    const entries = [logEntry({ id: 1, message: 'Access Denied' })];
    expect(run(modulesNotLoaded, factsWith({ logs: logs(entries) })).status).toBe('passed');
  });
});
