/**
 * The manifest on its own: readable as a literal, required keys, licence, version format and
 * series, deprecated keys, author, duplicated data files, malformed dependencies, external assets.
 */
import type { ManifestInfo, SourcePosition } from '../manifest.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, OCA_GUIDELINES } from './define.ts';

const MANIFEST_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html';

function keyAt(manifest: ManifestInfo, key: string): SourcePosition {
  return manifest.keys.get(key) ?? manifest.at;
}

export const manifestSyntaxError = defineRule(
  {
    name: 'manifest-syntax-error',
    severity: 'high',
    title: 'Manifest that Odoo cannot read',
    rationale: 'Odoo reads __manifest__.py with ast.literal_eval: a syntax error, a name, a call or any non-literal value makes the module invisible (not installable, not upgradable).',
    remediation: 'Make the manifest a single dict of literal values (strings, numbers, lists, dicts, True/False/None).',
    effortHours: 0.25,
    references: [MANIFEST_DOC],
    ocaHook: 'manifest-syntax-error',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      if (!manifest.error) return;
      ctx.report(codeRuleId('manifest-syntax-error'), manifest.error, `The manifest cannot be read: ${manifest.error.message}.`, { anchor: 'manifest' });
    },
  },
);

const REQUIRED_KEYS = ['name', 'version', 'license'] as const;

export const manifestRequiredKey = defineRule(
  {
    name: 'manifest-required-key',
    severity: 'medium',
    title: 'Manifest key missing (name, version, license)',
    rationale: 'Without a version Odoo cannot tell an upgrade from a reinstall and never runs migrations; without a licence it assumes LGPL-3 and warns; without a name the module shows its folder name.',
    remediation: 'Add the missing key: `"version": "<series>.1.0.0"`, `"license": "LGPL-3"` (or your licence), `"name": "…"`.',
    effortHours: 0.1,
    references: [MANIFEST_DOC, OCA_GUIDELINES],
    pylintOdoo: 'C8102 manifest-required-key',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      if (!manifest.value) return;
      for (const key of REQUIRED_KEYS) {
        if (!(key in manifest.value)) ctx.report(codeRuleId('manifest-required-key'), manifest.at, `The manifest has no "${key}".`, { anchor: key });
      }
    },
  },
);

/** The licence values Odoo's module loader accepts. */
export const ODOO_LICENSES = new Set([
  'GPL-2',
  'GPL-2 or any later version',
  'GPL-3',
  'GPL-3 or any later version',
  'AGPL-3',
  'LGPL-3',
  'Other OSI approved licence',
  'OEEL-1',
  'OPL-1',
  'Other proprietary',
]);

export const licenseAllowed = defineRule(
  {
    name: 'license-allowed',
    severity: 'medium',
    title: 'Licence Odoo does not recognise',
    rationale: 'Odoo only knows a fixed list of licence names; anything else is replaced by LGPL-3 with a warning, which can misstate the terms the module is distributed under.',
    remediation: 'Use one of: GPL-2, GPL-3 (or "… or any later version"), AGPL-3, LGPL-3, "Other OSI approved licence", OEEL-1, OPL-1, "Other proprietary".',
    effortHours: 0.1,
    references: [MANIFEST_DOC],
    pylintOdoo: 'C8105 license-allowed',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      const license = manifest.value?.license;
      if (license === undefined || license === null) return;
      if (typeof license === 'string' && ODOO_LICENSES.has(license)) return;
      ctx.report(codeRuleId('license-allowed'), keyAt(manifest, 'license'), `The licence "${String(license)}" is not one Odoo recognises.`, { anchor: 'license' });
    },
  },
);

const FULL_VERSION = /^(\d+\.\d+)\.\d+\.\d+\.\d+$/;

export const manifestVersionFormat = defineRule(
  {
    name: 'manifest-version-format',
    severity: 'low',
    title: 'Version not in <series>.x.y.z form',
    rationale: 'Odoo compares module versions to decide whether to run migrations; the <series>.x.y.z form (e.g. 17.0.1.2.0) says which Odoo series the code is for and keeps that comparison right across ports.',
    remediation: 'Write the version as `<series>.<major>.<minor>.<patch>`, e.g. "17.0.1.0.0".',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'C8106 manifest-version-format',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      const version = manifest.value?.version;
      if (version === undefined) return;
      if (typeof version === 'string' && FULL_VERSION.test(version)) return;
      ctx.report(codeRuleId('manifest-version-format'), keyAt(manifest, 'version'), `The version "${String(version)}" is not in <series>.x.y.z form.`, { anchor: 'version' });
    },
  },
);

export const manifestVersionSeries = defineRule(
  {
    name: 'manifest-version-series',
    severity: 'medium',
    title: 'Module written for another Odoo series',
    rationale: 'A version starting with another series (16.0.x on a 17.0 instance) means the module was not ported: its code uses APIs of that series and breaks in places no test covered.',
    remediation: 'Port the module to the running series (and set its version to match), or remove it.',
    effortHours: 4,
    references: ['https://github.com/OCA/maintainer-tools/wiki#migration'],
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      const version = manifest.value?.version;
      if (typeof version !== 'string' || !ctx.series) return;
      const m = FULL_VERSION.exec(version);
      if (!m || m[1] === ctx.series) return;
      ctx.report(codeRuleId('manifest-version-series'), keyAt(manifest, 'version'), `The module is versioned for Odoo ${m[1]} (${version}) but analysed for ${ctx.series}.`, {
        anchor: 'version-series',
        evidence: { declared: m[1], target: ctx.series },
      });
    },
  },
);

/** `since`: the first series where the key is deprecated (omitted: every series the rules know). */
const DEPRECATED_KEYS: Record<string, { severity: 'info' | 'low'; why: string; since?: number }> = {
  description: { severity: 'info', why: 'the description lives in README.rst (or readme/) which the Apps store and OCA tools render' },
  active: { severity: 'low', why: '"active" was replaced by "auto_install"' },
  init_xml: { severity: 'low', why: 'use "data"' },
  update_xml: { severity: 'low', why: 'use "data"' },
  demo_xml: { severity: 'low', why: 'use "demo"' },
  js: { severity: 'low', why: 'static files are declared in "assets"' },
  css: { severity: 'low', why: 'static files are declared in "assets"' },
  // Before 15.0 "qweb" is how client templates are loaded.
  qweb: { severity: 'low', why: 'templates are declared in "assets" since 15.0', since: 15 },
};

export const manifestDeprecatedKey = defineRule(
  {
    name: 'manifest-deprecated-key',
    severity: 'low',
    title: 'Deprecated manifest key',
    rationale: 'Keys from older series (active, init_xml, update_xml, demo_xml, js, css, and from 15.0 qweb) are ignored or only half supported by current series, so what they declare may silently not load.',
    remediation: 'Move the entries to the current key ("data", "demo", "assets", "auto_install") and drop the old one.',
    effortHours: 0.1,
    references: [MANIFEST_DOC],
    pylintOdoo: 'C8103 manifest-deprecated-key',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      if (!manifest.value) return;
      // The analysed series, else the one the version names; unknown: series-bound keys are skipped.
      const version = manifest.value.version;
      const series = ctx.series ?? (typeof version === 'string' ? FULL_VERSION.exec(version)?.[1] : undefined) ?? null;
      for (const [key, { severity, why, since }] of Object.entries(DEPRECATED_KEYS)) {
        if (!(key in manifest.value)) continue;
        if (since !== undefined && (series === null || Number.parseFloat(series) < since)) continue;
        ctx.report(codeRuleId('manifest-deprecated-key'), keyAt(manifest, key), `The manifest key "${key}" is deprecated: ${why}.`, { severity, anchor: key });
      }
    },
  },
);

export const manifestAuthorString = defineRule(
  {
    name: 'manifest-author-string',
    severity: 'low',
    title: 'Manifest author is not a string',
    rationale: 'Odoo stores the author as text; a list or other value is stored as its Python representation and breaks tools that read authors.',
    remediation: 'Write authors as one comma-separated string: `"author": "Company A, Company B"`.',
    effortHours: 0.1,
    references: [MANIFEST_DOC],
    pylintOdoo: 'E8101 manifest-author-string',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      const author = manifest.value?.author;
      if (author === undefined || typeof author === 'string') return;
      ctx.report(codeRuleId('manifest-author-string'), keyAt(manifest, 'author'), 'The manifest author is not a string.', { anchor: 'author' });
    },
  },
);

const DATA_KEYS = ['data', 'demo', 'qweb', 'init_xml', 'update_xml', 'demo_xml'];

export const manifestDataDuplicated = defineRule(
  {
    name: 'manifest-data-duplicated',
    severity: 'low',
    title: 'Data file listed twice in the manifest',
    rationale: 'A file listed twice is loaded twice: records are written twice and noupdate or ordering mistakes become hard to trace.',
    remediation: 'Remove the duplicate entry.',
    effortHours: 0.1,
    references: [MANIFEST_DOC],
    pylintOdoo: 'W8125 manifest-data-duplicated',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      for (const key of DATA_KEYS) {
        const seen = new Set<string>();
        for (const item of manifest.items.get(key) ?? []) {
          if (typeof item.value !== 'string') continue;
          if (seen.has(item.value)) {
            ctx.report(codeRuleId('manifest-data-duplicated'), item, `"${item.value}" is listed more than once in "${key}".`, { anchor: `${key}|${item.value}` });
          }
          seen.add(item.value);
        }
      }
    },
  },
);

export const manifestDependencyInvalid = defineRule(
  {
    name: 'manifest-dependency-invalid',
    severity: 'medium',
    title: 'Malformed dependency list',
    rationale: 'A module that depends on itself, lists a dependency twice or gives something other than module names makes installation fail or the dependency graph wrong.',
    remediation: 'List each dependency once, as a module technical name, and never the module itself.',
    effortHours: 0.1,
    references: [MANIFEST_DOC],
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      const depends = manifest.value?.depends;
      if (depends === undefined) return;
      const id = codeRuleId('manifest-dependency-invalid');
      if (!Array.isArray(depends)) {
        ctx.report(id, keyAt(manifest, 'depends'), '"depends" is not a list of module names.', { anchor: 'depends' });
        return;
      }
      const seen = new Set<string>();
      for (const item of manifest.items.get('depends') ?? []) {
        if (typeof item.value !== 'string' || !/^[A-Za-z0-9_]+$/.test(item.value)) {
          ctx.report(id, item, `"${String(item.value)}" is not a module technical name.`, { anchor: `bad|${String(item.value)}` });
        } else if (item.value === ctx.module) {
          ctx.report(id, item, 'The module depends on itself.', { anchor: 'self' });
        } else if (seen.has(item.value)) {
          ctx.report(id, item, `"${item.value}" is listed twice.`, { anchor: `twice|${item.value}` });
        }
        if (typeof item.value === 'string') seen.add(item.value);
      }
    },
  },
);

function* assetEntries(manifest: ManifestInfo): Generator<string> {
  const assets = manifest.value?.assets;
  if (!assets || typeof assets !== 'object' || Array.isArray(assets)) return;
  for (const list of Object.values(assets as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry === 'string') yield entry;
      else if (Array.isArray(entry)) for (const part of entry) if (typeof part === 'string') yield part;
    }
  }
}

export const manifestExternalAssets = defineRule(
  {
    name: 'manifest-external-assets',
    severity: 'medium',
    title: 'Asset loaded from an external URL',
    rationale: 'Scripts and styles loaded from a CDN run with the user\'s session on every page: if the third party is compromised or down, so is Odoo, and it leaks visitors\' addresses to that party.',
    remediation: 'Ship the file inside the module (static/lib/…) and reference it by path.',
    effortHours: 0.5,
    references: [MANIFEST_DOC],
    pylintOdoo: 'W8162 manifest-external-assets',
    reads: ['manifest'],
  },
  {
    manifest(manifest, ctx) {
      for (const entry of assetEntries(manifest)) {
        if (!/^(https?:)?\/\//i.test(entry)) continue;
        ctx.report(codeRuleId('manifest-external-assets'), keyAt(manifest, 'assets'), `The asset ${entry} is loaded from an external URL.`, { anchor: entry });
      }
    },
  },
);

export const MANIFEST_RULES: readonly CodeRule[] = [
  manifestSyntaxError,
  manifestRequiredKey,
  licenseAllowed,
  manifestVersionFormat,
  manifestVersionSeries,
  manifestDeprecatedKey,
  manifestAuthorString,
  manifestDataDuplicated,
  manifestDependencyInvalid,
  manifestExternalAssets,
];

