import { describe, expect, it } from 'vitest';
import { codeOlderThanDatabase } from '../../../server/src/checks/module_health/code-older-than-database.ts';
import { importedModule } from '../../../server/src/checks/module_health/imported-module.ts';
import { isOdooAuthored } from '../../../server/src/checks/module_health/modules.ts';
import { pendingOperation } from '../../../server/src/checks/module_health/pending-operation.ts';
import { unknownAuthor } from '../../../server/src/checks/module_health/unknown-author.ts';
import { unknownLicence } from '../../../server/src/checks/module_health/unknown-licence.ts';
import { factsWith } from '../../support/facts.ts';
import { module, MODULES_18, run } from '../support/records.ts';

/** 17.0 ships account_payment_term as OEEL-1 by Odoo S.A., installed in Community: a real oddity, not a problem. */
const PAYMENT_TERM_17 = module('account_payment_term', { license: 'OEEL-1', installedVersion: '17.0.1.0', latestVersion: '17.0.1.0' });
/** 18.0 html_editor declares author "odoo" in lower case. */
const HTML_EDITOR_18 = module('html_editor', { author: 'odoo', website: 'https://www.odoo.com' });

describe('who counts as Odoo S.A.', () => {
  it("recognises the author spellings of Odoo's own modules, co-authored localisations included", () => {
    for (const author of ['Odoo S.A.', 'Odoo SA', 'Odoo', 'odoo', 'Odoo PS', 'Vauxoo, Odoo S.A.', 'Odoo / Cubic ERP', 'DO Tech (OdooTech Zrt.), BDSC Business Consulting Kft. & Odoo S.A.']) {
      expect(isOdooAuthored(author), author).toBe(true);
    }
  });

  it('does not count the OCA or companies with Odoo in their name', () => {
    for (const author of ['Odoo Community Association (OCA)', 'Akretion,Odoo Community Association (OCA)', 'Odoo House ApS, VK DATA ApS, FlexERP ApS', 'Akretion, Odoo Brasil', 'ADHOC SA', '', null]) {
      expect(isOdooAuthored(author), String(author)).toBe(false);
    }
  });
});

describe('module_health.pending-operation', () => {
  it('reports each module stuck in a "to …" state', () => {
    const modules = [...MODULES_18, module('sale_stock', { state: 'to upgrade' }), module('crm', { state: 'to install', installedVersion: null }), module('note', { state: 'to remove' })];
    const result = run(pendingOperation, factsWith({ modules }));
    expect(result.findings.map((f) => [f.object.key, f.severity])).toEqual([
      ['sale_stock', 'high'],
      ['crm', 'high'],
      ['note', 'high'],
    ]);
    expect(result.findings[0].message).toBe("Module 'sale_stock' is stuck in state 'to upgrade': an upgrade was started and never completed.");
  });

  it('passes on the fixture modules (installed, uninstalled, uninstallable stubs)', () => {
    const modules = [...MODULES_18, module('knowledge', { state: 'uninstallable', license: 'OEEL-1', latestVersion: '18.0.1.0', installedVersion: null }), module('crm', { state: 'uninstalled' })];
    expect(run(pendingOperation, factsWith({ modules })).status).toBe('passed');
  });
});

describe('module_health.code-older-than-database', () => {
  it('reports a module whose code is missing (Odoo falls back to <series>.1.0) or older than the database', () => {
    const modules = [
      module('x_gone', { author: 'Acme', installedVersion: '18.0.2.1', latestVersion: '18.0.1.0' }),
      module('x_rollback', { author: 'Acme', installedVersion: '18.0.2.0', latestVersion: '18.0.1.9' }),
    ];
    const result = run(codeOlderThanDatabase, factsWith({ modules }));
    expect(result.findings.map((f) => [f.object.key, f.severity])).toEqual([
      ['x_gone', 'high'],
      ['x_rollback', 'high'],
    ]);
    expect(result.findings[0].message).toBe(
      "Module 'x_gone' is installed at 18.0.2.1 but its code was not found (Odoo reports the default version 18.0.1.0): it is missing from the addons path or its manifest is broken.",
    );
    expect(result.findings[1].message).toBe("Module 'x_rollback' is installed at 18.0.2.0 but the code deployed is the older 18.0.1.9: it was rolled back or the wrong release is deployed.");
  });

  it('leaves code newer than the database (an upgrade to run) to update_currency, and ignores uninstalled and imported modules', () => {
    const modules = [
      ...MODULES_18,
      HTML_EDITOR_18,
      module('x_sync', { author: 'Acme', installedVersion: '18.0.1.2', latestVersion: '18.0.1.3' }),
      module('knowledge', { state: 'uninstallable', installedVersion: null, latestVersion: '18.0.1.0' }),
      module('x_studio', { imported: true, installedVersion: '18.0.1.4', latestVersion: '18.0.1.0' }),
    ];
    expect(run(codeOlderThanDatabase, factsWith({ modules })).status).toBe('passed');
  });
});

describe('module_health.unknown-author', () => {
  it('reports an installed module with no author', () => {
    const modules = [...MODULES_18, module('x_custom_sync', { author: null, shortdesc: 'Custom WMS sync' })];
    const [finding] = run(unknownAuthor, factsWith({ modules })).findings;
    expect(finding.object).toEqual({ kind: 'module', key: 'x_custom_sync', label: 'Custom WMS sync' });
    expect(finding.message).toBe("Installed module 'x_custom_sync' (Custom WMS sync) declares no author.");
  });

  it('passes on the fixture authors, and ignores uninstalled modules without author', () => {
    const modules = [...MODULES_18, HTML_EDITOR_18, PAYMENT_TERM_17, module('l10n_ar', { author: 'ADHOC SA' }), module('x_old', { state: 'uninstalled', author: null })];
    expect(run(unknownAuthor, factsWith({ modules })).status).toBe('passed');
  });
});

describe('module_health.unknown-licence', () => {
  it('reports third-party modules whose licence is missing or unspecified', () => {
    const modules = [
      module('x_no_licence', { author: 'Acme Integrations', license: null }),
      module('x_other', { author: 'Acme Integrations', license: 'Other proprietary' }),
      module('x_osi', { author: null, license: 'Other OSI approved licence' }),
    ];
    const result = run(unknownLicence, factsWith({ modules }));
    expect(result.findings.map((f) => f.message)).toEqual([
      "Installed module 'x_no_licence' (by Acme Integrations) declares no licence.",
      "Installed module 'x_other' (by Acme Integrations) is licensed 'Other proprietary', which does not say which terms apply.",
      "Installed module 'x_osi' (with no author) is licensed 'Other OSI approved licence', which does not say which terms apply.",
    ]);
  });

  it("passes on known licences, OEEL-1 of Odoo's own modules included", () => {
    const modules = [...MODULES_18, PAYMENT_TERM_17, module('l10n_ar', { author: 'ADHOC SA', license: 'LGPL-3' }), module('oca_mod', { author: 'Odoo Community Association (OCA)', license: 'AGPL-3' })];
    expect(run(unknownLicence, factsWith({ modules })).status).toBe('passed');
  });
});

describe('module_health.imported-module', () => {
  it('notes installed data modules as information', () => {
    const modules = [...MODULES_18, module('x_studio_export', { imported: true, author: 'Studio' })];
    const [finding] = run(importedModule, factsWith({ modules })).findings;
    expect(finding.object.key).toBe('x_studio_export');
    expect(finding.severity).toBe('info');
  });

  it('passes when nothing was imported (imported is false, or unknown on older series)', () => {
    expect(run(importedModule, factsWith({ modules: [...MODULES_18, module('x', { imported: null })] })).status).toBe('passed');
  });
});
