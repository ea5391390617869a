/**
 * Rules over a whole addon (its file list, manifest and what the walk indexed) and over all the
 * addons together (access rows, dependencies, and what a live scan says is installed).
 */
import { MANIFEST_DATA_KEYS, manifestStrings, type ManifestInfo, type SourcePosition } from '../manifest.ts';
import { RUNNING_STATES, type ModelDeclaration, type ModuleIndex, type ProjectIndex } from '../model.ts';
import { codeRuleId, type CodeRule, type ModuleContext } from './api.ts';
import { defineRule, OCA_GUIDELINES } from './define.ts';
import { isTestPath } from '../paths.ts';

const MODULE_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html';
const TESTING_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/testing.html';

const FIRST_LINE: SourcePosition = { line: 1, column: 1 };

function manifestFile(mod: ModuleIndex): string {
  return `${mod.path}/${mod.manifest.file}`;
}

function manifestPosition(manifest: ManifestInfo, key: string): SourcePosition {
  return manifest.keys.get(key) ?? manifest.at;
}

function allManifestStrings(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value.startsWith('./') ? value.slice(2) : value);
  else if (Array.isArray(value)) for (const item of value) allManifestStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) allManifestStrings(item, out);
  return out;
}

export const manifestDataMissing = defineRule(
  {
    name: 'manifest-data-missing',
    severity: 'high',
    title: 'Manifest lists a file that does not exist',
    rationale: 'Odoo loads every file listed in data and demo when installing or upgrading; a missing one stops the installation or upgrade of the module with an error.',
    remediation: 'Add the file, fix the path, or remove the entry from the manifest.',
    effortHours: 0.25,
    references: [MODULE_DOC],
    pylintOdoo: 'F8101 resource-not-exist',
    reads: ['manifest', 'module'],
  },
  {
    module(mod, ctx) {
      const files = new Set(mod.files);
      for (const key of MANIFEST_DATA_KEYS) {
        for (const item of mod.manifest.items.get(key) ?? []) {
          if (typeof item.value !== 'string' || item.value.includes('*')) continue;
          const path = item.value.replace(/^\.\//, '');
          if (files.has(path)) continue;
          ctx.report(codeRuleId('manifest-data-missing'), manifestFile(mod), item, `"${item.value}" is listed in "${key}" but does not exist in the module.`, { anchor: `${key}|${path}` });
        }
      }
    },
  },
);

const NOT_DATA_DIRS = /^(static|tests?|docs?|migrations|upgrades|i18n|i18n_extra|examples?|readme|scripts|tools|lib|setup|\.[^/]*)\//;

export const dataFileUnlisted = defineRule(
  {
    name: 'data-file-unlisted',
    severity: 'medium',
    title: 'Data file not listed in the manifest',
    rationale: 'An XML or CSV file that the manifest does not list is never loaded: the views, access rights or records it defines silently do not exist on the instance.',
    remediation: 'Add the file to "data" (or "demo"), or delete it if it is obsolete.',
    effortHours: 0.25,
    references: [MODULE_DOC],
    ocaHook: 'file-not-used',
    reads: ['manifest', 'module'],
  },
  {
    module(mod, ctx) {
      if (!mod.manifest.value) return;
      const listed = allManifestStrings(mod.manifest.value, new Set());
      for (const file of mod.files) {
        if (!/\.(xml|csv)$/i.test(file) || NOT_DATA_DIRS.test(file)) continue;
        if (listed.has(file)) continue;
        ctx.report(codeRuleId('data-file-unlisted'), `${mod.path}/${file}`, FIRST_LINE, `${file} is not listed in the manifest, so Odoo never loads it.`, { anchor: 'unlisted' });
      }
    },
  },
);

function versionParts(version: string): number[] | null {
  return /^\d+(\.\d+)*$/.test(version) ? version.split('.').map(Number) : null;
}

function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export const manifestBehindMigrations = defineRule(
  {
    name: 'manifest-behind-migrations',
    severity: 'medium',
    title: 'Migration folder newer than the manifest version',
    rationale: 'Odoo runs migrations/<version>/ scripts when the installed version rises to that version. A folder newer than the manifest version never runs, so the data migration it contains is silently skipped.',
    remediation: 'Bump the manifest version to (at least) the newest migration folder.',
    effortHours: 0.1,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/upgrades/upgrade_scripts.html'],
    pylintOdoo: 'E8145 manifest-behind-migrations',
    reads: ['manifest', 'module'],
  },
  {
    module(mod, ctx) {
      const version = mod.manifest.value?.version;
      if (typeof version !== 'string') return;
      // Odoo prefixes the server series to a manifest version that lacks it (modules.module
      // adapt_version), and to a migration folder name with fewer than two dots (modules.migration
      // convert_version: "1.0" → "15.0.1.0", while "15.0.1.0" or "1.0.1" are taken as written).
      // The module's own series first, so that code of another series is judged against itself.
      const series = /^(\d+\.\d+)\.\d+\.\d+\.\d+$/.exec(version)?.[1] ?? ctx.series;
      if (!series) return;
      const installed = versionParts(version === series || !version.startsWith(`${series}.`) ? `${series}.${version}` : version);
      if (!installed) return;
      const folders = new Set<string>();
      for (const file of mod.files) {
        const m = /^migrations\/([^/]+)\//.exec(file);
        if (m) folders.add(m[1]);
      }
      for (const folder of folders) {
        const parts = versionParts((folder.match(/\./g) ?? []).length >= 2 ? folder : `${series}.${folder}`);
        if (!parts) continue;
        if (compareParts(parts, installed) > 0) {
          ctx.report(codeRuleId('manifest-behind-migrations'), manifestFile(mod), manifestPosition(mod.manifest, 'version'), `migrations/${folder} is newer than the manifest version ${version}, so it never runs.`, {
            anchor: `migration|${folder}`,
          });
        }
      }
    },
  },
);

export const missingReadme = defineRule(
  {
    name: 'missing-readme',
    severity: 'info',
    title: 'Module without a README',
    rationale: 'Without a README the next developer (or the partner taking over) cannot learn what the module does, how to configure it or its known limits.',
    remediation: 'Add README.rst (or a readme/ folder with DESCRIPTION and USAGE fragments).',
    effortHours: 0.5,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'C8112 missing-readme',
    reads: ['module'],
  },
  {
    module(mod, ctx) {
      if (mod.files.some((f) => /^(README(\.(rst|md|txt))?|readme\/DESCRIPTION\.(md|rst))$/i.test(f))) return;
      ctx.report(codeRuleId('missing-readme'), manifestFile(mod), FIRST_LINE, `${mod.name} has no README.`, { anchor: 'readme' });
    },
  },
);

/**
 * Python worth testing: a method, a new model, or a file the index cannot see into. Modules whose
 * Python only adds fields to existing models (or mixins through _inherit) have nothing to test. The
 * index records the methods of model classes only, so a file declaring no model (controllers,
 * hooks, helpers) counts as logic.
 */
function hasLogic(mod: ModuleIndex): boolean {
  // hooks.py runs once, at install or uninstall: not what a module's tests are for.
  const python = mod.files.filter((f) => f.endsWith('.py') && f !== 'hooks.py' && !/(^|\/)__(init|manifest|openerp)__\.py$/.test(f) && !/^(tests?|migrations|upgrades)\//.test(f));
  if (python.length === 0) return false;
  const candidates = new Set(python);
  const modelFiles = new Set<string>();
  for (const model of mod.models) {
    if (!candidates.has(model.file)) continue;
    if (model.methods.length > 0 || model.isNew) return true;
    modelFiles.add(model.file);
  }
  return python.some((f) => !modelFiles.has(f) || mod.unparsedPython.includes(f));
}

export const testsMissing = defineRule(
  {
    name: 'tests-missing',
    severity: 'low',
    title: 'Module with Python code but no tests',
    rationale: 'Without tests, every upgrade, migration and fix of the module is checked by hand or not at all; regressions reach production.',
    remediation: 'Add a tests/ package with test_*.py files covering the module\'s business logic, imported from tests/__init__.py.',
    effortHours: 4,
    references: [TESTING_DOC],
    reads: ['module'],
  },
  {
    module(mod, ctx) {
      if (!hasLogic(mod)) return;
      if (mod.files.some((f) => /^tests\/(.*\/)?test_[^/]*\.py$/.test(f))) return;
      ctx.report(codeRuleId('tests-missing'), manifestFile(mod), FIRST_LINE, `${mod.name} has Python code but no tests/test_*.py.`, { anchor: 'tests' });
    },
  },
);

export const testFolderImported = defineRule(
  {
    name: 'test-folder-imported',
    severity: 'medium',
    title: 'tests imported by the module code',
    rationale: 'Importing tests from the module\'s __init__ loads test code (and its dependencies) into every production server, and can run test setup outside the test runner.',
    remediation: 'Remove the import: the test runner imports `tests` itself.',
    effortHours: 0.1,
    references: [TESTING_DOC],
    pylintOdoo: 'E8130 test-folder-imported',
    reads: ['python', 'module'],
  },
  {
    module(mod, ctx) {
      for (const ref of mod.imports) {
        if (/^tests?\//.test(ref.file)) continue;
        if (ref.target === 'tests' || ref.target.startsWith('tests/')) {
          ctx.report(codeRuleId('test-folder-imported'), `${mod.path}/${ref.file}`, ref, `${ref.file} imports the tests package.`, { anchor: `tests|${ref.target}` });
        }
      }
    },
  },
);

const NOT_IMPORTED_DIRS = /^(migrations|upgrades|static|docs?|setup|scripts|examples?|readme|\.[^/]*)\//;

/**
 * The module's Python files Odoo imports: those reached from __init__.py (and tests/__init__.py,
 * which the test runner imports). Null when a file did not parse (its imports are unknown).
 */
function importedPythonFiles(mod: ModuleIndex): Set<string> | null {
  if (mod.unparsedPython.length > 0) return null;
  const files = new Set(mod.files);
  const importsOf = new Map<string, string[]>();
  for (const ref of mod.imports) {
    const list = importsOf.get(ref.file) ?? [];
    list.push(ref.target);
    importsOf.set(ref.file, list);
  }
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (file: string): void => {
    if (!files.has(file) || reached.has(file)) return;
    reached.add(file);
    queue.push(file);
  };
  const reachTarget = (target: string): void => {
    const parts = target.split('/');
    // Importing a.b imports package a first.
    for (let i = 1; i < parts.length; i++) reach(`${parts.slice(0, i).join('/')}/__init__.py`);
    reach(`${target}.py`);
    reach(`${target}/__init__.py`);
  };
  reach('__init__.py');
  reach('tests/__init__.py');
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of importsOf.get(file) ?? []) reachTarget(target);
  }
  return reached;
}

const HOOK_KEYS = ['pre_init_hook', 'post_init_hook', 'uninstall_hook', 'post_load'] as const;

export const pythonFileNotImported = defineRule(
  {
    name: 'python-file-not-imported',
    severity: 'medium',
    title: 'Python file that is never imported',
    rationale: 'Odoo only runs the Python files reached from the module\'s __init__.py (and tests from tests/__init__.py). A file not imported is dead: its models, overrides or tests silently do not exist.',
    remediation: 'Import the file from its package\'s __init__.py, or delete it.',
    effortHours: 0.25,
    references: [MODULE_DOC],
    reads: ['python', 'module'],
  },
  {
    module(mod, ctx) {
      // Only direct children of tests/: deeper folders hold fixtures (sample modules, data).
      // A root setup.py is packaging (setuptools-odoo), not module code.
      const python = mod.files.filter((f) => f.endsWith('.py') && f !== mod.manifest.file && f !== 'setup.py' && !NOT_IMPORTED_DIRS.test(f) && !/^tests?\/[^/]+\//.test(f));
      if (python.length === 0) return;
      const reached = importedPythonFiles(mod);
      if (!reached) return;
      // hooks.py is also a library other addons import (`odoo.addons.<mod>.hooks`), which the index
      // does not see: it is dead only when the manifest names hooks that Odoo looks up on the package.
      const namesHooks = HOOK_KEYS.some((key) => typeof mod.manifest.value?.[key] === 'string');
      for (const file of python) {
        if (reached.has(file) || (file === 'hooks.py' && !namesHooks)) continue;
        ctx.report(codeRuleId('python-file-not-imported'), `${mod.path}/${file}`, FIRST_LINE, `${file} is not imported by the module, so its code never runs.`, { anchor: 'not-imported' });
      }
    },
  },
);

export const modelWithoutDescription = defineRule(
  {
    name: 'model-without-description',
    severity: 'low',
    title: 'New model without _description',
    rationale: 'Odoo logs a warning for every model without _description at each start, and shows the technical name to users in access errors, the model list and exports.',
    remediation: 'Add `_description = "Human readable name"` to the model.',
    effortHours: 0.1,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/orm.html#odoo.models.BaseModel._description'],
    reads: ['python', 'module'],
  },
  {
    module(mod, ctx) {
      for (const model of mod.models) {
        if (!model.isNew || model.hasDescription || !model.model || isTestPath(model.file)) continue;
        ctx.report(codeRuleId('model-without-description'), `${mod.path}/${model.file}`, model, `The model ${model.model} (${model.className}) has no _description.`, { anchor: `model|${model.model}` });
      }
    },
  },
);

/** Elements that create a record of a fixed model (report: ir.actions.report, menuitem: ir.ui.menu, act_window: ir.actions.act_window, template: ir.ui.view). */
const SHORTCUT_TAGS: ReadonlySet<string> = new Set(['report', 'menuitem', 'act_window', 'template']);

export const duplicateXmlId = defineRule(
  {
    name: 'duplicate-xml-id',
    severity: 'medium',
    title: 'Same xml id declared twice in a module',
    rationale: 'The second declaration silently overwrites the first (or merges with it): one of the two views, actions or records is not what its author thinks it is.',
    remediation: 'Give each record a unique id, or merge the two declarations.',
    effortHours: 0.25,
    references: [MODULE_DOC],
    ocaHook: 'xml-duplicate-record-id',
    reads: ['xml', 'module'],
  },
  {
    module(mod, ctx) {
      // Only files the manifest loads declare records: others (migrations/*/noupdate_changes.xml,
      // examples) are read by scripts, if at all.
      const loaded = new Set<string>();
      for (const key of MANIFEST_DATA_KEYS) {
        if (key === 'qweb') continue;
        for (const file of manifestStrings(mod.manifest, key)) loaded.add(file.replace(/^\.\//, ''));
      }
      const earlier = new Map<string, Array<{ file: string; line: number; tag: string }>>();
      for (const record of mod.recordIds) {
        if (!loaded.has(record.file)) continue;
        const id = record.id.startsWith(`${mod.name}.`) ? record.id.slice(mod.name.length + 1) : record.id;
        // Demo data completing a data record, or a noupdate block completing a record, is deliberate.
        const key = `${id}|${record.demo}|${record.noupdate}`;
        const previous = earlier.get(key);
        if (!previous) {
          earlier.set(key, [{ file: record.file, line: record.line, tag: record.tag }]);
          continue;
        }
        // A <record> after a shortcut (<report>, <menuitem>…) sets fields the shortcut has no
        // attribute for (the 12.0 way to give a report its paper format). The index does not keep
        // the record's model, so any <record> is taken as completing the shortcut before it.
        const clash = previous.find((p) => !(record.tag === 'record' && SHORTCUT_TAGS.has(p.tag)));
        previous.push({ file: record.file, line: record.line, tag: record.tag });
        if (!clash) continue;
        ctx.report(codeRuleId('duplicate-xml-id'), `${mod.path}/${record.file}`, record, `The xml id "${id}" is already declared in ${clash.file}:${clash.line}.`, { anchor: `id|${id}` });
      }
    },
  },
);

export const considerMergingInherits = defineRule(
  {
    name: 'consider-merging-inherits',
    severity: 'info',
    title: 'Several classes extend the same model in one module',
    rationale: 'Extensions of one model spread over several classes of the same module make its behaviour harder to follow and override order harder to reason about.',
    remediation: 'Merge the extensions into one class per model.',
    effortHours: 0.25,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'R8180 consider-merging-classes-inherited',
    reads: ['python', 'module'],
  },
  {
    module(mod, ctx) {
      // Classes that are not part of the module as loaded do not count: test models and fixture
      // addons under tests/, demo-only code (demo/ is imported only when demo data is loaded), and
      // files nothing imports (worked out only for models extended twice).
      const byModel = new Map<string, ModelDeclaration[]>();
      for (const model of mod.models) {
        if (model.isNew || model.inherits.length !== 1 || !model.model || isTestPath(model.file) || model.file.startsWith('demo/')) continue;
        const list = byModel.get(model.model);
        if (list) list.push(model);
        else byModel.set(model.model, [model]);
      }
      let imported: Set<string> | null | undefined;
      for (const [name, classes] of byModel) {
        if (classes.length < 2) continue;
        imported ??= importedPythonFiles(mod);
        const reached = imported;
        const loaded = reached === null ? classes : classes.filter((c) => reached.has(c.file));
        const first = loaded[0];
        for (const model of loaded.slice(1)) {
          ctx.report(codeRuleId('consider-merging-inherits'), `${mod.path}/${model.file}`, model, `${model.className} extends ${name}, already extended at ${first.file}:${first.line}.`, { anchor: `merge|${name}|${model.className}` });
        }
      }
    },
  },
);

// ---- project-wide rules --------------------------------------------------------------------------

export const modelWithoutAccess = defineRule(
  {
    name: 'model-without-access',
    severity: 'medium',
    title: 'New model without access rights',
    rationale: 'A model with no ir.model.access row cannot be read by anyone but the superuser: the feature fails with access errors for real users (Odoo warns at every start). Since 14.0 this includes wizards (TransientModel).',
    remediation: 'Add a line to security/ir.model.access.csv for each group that uses the model.',
    effortHours: 0.25,
    references: [`https://www.odoo.com/documentation/18.0/developer/tutorials/server_framework_101/04_securityintro.html`],
    reads: ['python', 'csv', 'xml', 'module'],
  },
  {
    project(project: ProjectIndex, ctxFor: (module: string | null) => ModuleContext) {
      const granted = new Set<string>();
      for (const mod of project.modules.values()) {
        for (const row of mod.accessRows) granted.add(row.modelRef.replace(/^[A-Za-z0-9_]+\./, ''));
      }
      const transientNeedsAccess = project.series === null || Number.parseFloat(project.series) >= 14;
      for (const mod of project.modules.values()) {
        const ctx = ctxFor(mod.name);
        for (const model of mod.models) {
          if (!model.isNew || !model.model || model.noTable || isTestPath(model.file)) continue;
          if (model.kind === 'transient' && !transientNeedsAccess) continue;
          if (granted.has(`model_${model.model.replace(/\./g, '_')}`)) continue;
          ctx.report(codeRuleId('model-without-access'), `${mod.path}/${model.file}`, model, `The model ${model.model} has no ir.model.access row in the analysed modules.`, { anchor: `access|${model.model}` });
        }
      }
    },
  },
);

function dependsOf(project: ProjectIndex, name: string): readonly string[] | null {
  const mod = project.modules.get(name);
  if (mod) {
    const depends = mod.manifest.value?.depends;
    return Array.isArray(depends) ? depends.filter((d): d is string => typeof d === 'string') : [];
  }
  return project.core?.depends.get(name) ?? null;
}

/** Everything a module depends on, transitively; `complete` is false when some dependency's own dependencies are unknown. */
export function dependencyClosure(project: ProjectIndex, name: string): { modules: Set<string>; complete: boolean } {
  const modules = new Set<string>(['base']);
  let complete = true;
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.pop()!;
    const depends = dependsOf(project, next);
    if (depends === null) {
      complete = false;
      continue;
    }
    for (const dep of depends) {
      if (modules.has(dep)) continue;
      modules.add(dep);
      queue.push(dep);
    }
  }
  return { modules, complete };
}

export const manifestDependencyUnknown = defineRule(
  {
    name: 'manifest-dependency-unknown',
    severity: 'info',
    title: 'Dependency that cannot be found',
    rationale: 'A dependency that exists nowhere makes the module uninstallable. Without a live scan it can only be checked against the analysed paths and Odoo Community\'s modules, so it may be an Enterprise or third-party module (info); against a live instance a missing dependency is certain.',
    remediation: 'Add the repository that provides the dependency to the addons path, or fix the module name.',
    effortHours: 0.25,
    references: [MODULE_DOC],
    reads: ['manifest', 'module'],
  },
  {
    project(project, ctxFor) {
      const instance = project.instance ? new Set(project.instance.map((m) => m.name)) : null;
      if (!instance && !project.core) return;
      for (const mod of project.modules.values()) {
        const ctx = ctxFor(mod.name);
        for (const item of mod.manifest.items.get('depends') ?? []) {
          if (typeof item.value !== 'string') continue;
          const dep = item.value;
          if (project.modules.has(dep) || project.core?.depends.has(dep) || instance?.has(dep)) continue;
          const message = instance
            ? `"${dep}" is not available on the instance, so ${mod.name} cannot be installed or upgraded.`
            : `"${dep}" is not in the analysed addons paths nor in Odoo Community ${project.series} (it may be an Enterprise or third-party module).`;
          ctx.report(codeRuleId('manifest-dependency-unknown'), manifestFile(mod), item, message, { anchor: `depends|${dep}`, ...(instance ? { severity: 'high' as const } : {}) });
        }
      }
    },
  },
);

/**
 * Models Odoo's base module defines (from 12.0 on; image.mixin and decimal.precision from 13.0),
 * which every module can use through base: an analysed module that seems to declare one of them
 * (`_name = "res.partner"` with an _inherit the index could not read) is not its provider. The core
 * module data (project.core) lists modules and dependencies only, so the models of other core
 * modules are not known here.
 */
const BASE_MODELS: ReadonlySet<string> = new Set([
  'base',
  'decimal.precision',
  'format.address.mixin',
  'image.mixin',
  'ir.actions.act_url',
  'ir.actions.act_window',
  'ir.actions.act_window.view',
  'ir.actions.act_window_close',
  'ir.actions.actions',
  'ir.actions.client',
  'ir.actions.report',
  'ir.actions.server',
  'ir.actions.todo',
  'ir.attachment',
  'ir.config_parameter',
  'ir.cron',
  'ir.default',
  'ir.exports',
  'ir.exports.line',
  'ir.filters',
  'ir.http',
  'ir.mail_server',
  'ir.model',
  'ir.model.access',
  'ir.model.constraint',
  'ir.model.data',
  'ir.model.fields',
  'ir.model.relation',
  'ir.module.category',
  'ir.module.module',
  'ir.module.module.dependency',
  'ir.qweb',
  'ir.rule',
  'ir.sequence',
  'ir.sequence.date_range',
  'ir.ui.menu',
  'ir.ui.view',
  'report.paperformat',
  'res.bank',
  'res.company',
  'res.config',
  'res.config.installer',
  'res.config.settings',
  'res.country',
  'res.country.group',
  'res.country.state',
  'res.currency',
  'res.currency.rate',
  'res.groups',
  'res.lang',
  'res.partner',
  'res.partner.bank',
  'res.partner.category',
  'res.partner.industry',
  'res.partner.title',
  'res.users',
]);

export const manifestDependencyUndeclared = defineRule(
  {
    name: 'manifest-dependency-undeclared',
    severity: 'medium',
    title: 'Uses another module without depending on it',
    rationale: 'A module that references xml ids or extends models of a module it does not depend on (even indirectly) works only when that module happens to be installed and loaded first: installation order changes, upgrades and new databases break it.',
    remediation: 'Add the module that provides the reference to "depends".',
    effortHours: 0.25,
    references: [MODULE_DOC],
    reads: ['python', 'xml', 'manifest', 'module'],
  },
  {
    project(project, ctxFor) {
      const declaredBy = new Map<string, string>();
      for (const mod of project.modules.values()) {
        for (const model of mod.models) if (model.isNew && model.model && !declaredBy.has(model.model) && !BASE_MODELS.has(model.model)) declaredBy.set(model.model, mod.name);
      }
      for (const mod of project.modules.values()) {
        const closure = dependencyClosure(project, mod.name);
        if (!closure.complete) continue;
        const ctx = ctxFor(mod.name);
        const missing = new Map<string, { file: string; at: SourcePosition; what: string; count: number }>();
        const note = (dep: string, file: string, at: SourcePosition, what: string): void => {
          if (dep === mod.name || closure.modules.has(dep)) return;
          const entry = missing.get(dep);
          if (entry) entry.count++;
          else missing.set(dep, { file, at, what, count: 1 });
        };
        for (const ref of mod.xmlRefs) {
          const dep = ref.ref.slice(0, ref.ref.indexOf('.'));
          const known = project.modules.has(dep) || project.core?.depends.has(dep);
          if (known) note(dep, ref.file, ref, `the xml id ${ref.ref}`);
        }
        for (const model of mod.models) {
          for (const inherited of model.inherits) {
            const dep = declaredBy.get(inherited);
            if (dep) note(dep, model.file, model, `the model ${inherited}`);
          }
        }
        for (const [dep, { file, at, what, count }] of missing) {
          ctx.report(codeRuleId('manifest-dependency-undeclared'), `${mod.path}/${file}`, at, `${mod.name} uses ${what}${count > 1 ? ` (and ${count - 1} more reference(s))` : ''} from ${dep}, which it does not depend on.`, {
            anchor: `undeclared|${dep}`,
          });
        }
      }
    },
  },
);

/**
 * Odoo's own modules, community or enterprise, name Odoo among their authors ("Odoo S.A.", "Odoo SA",
 * "Odoo PS", "Odoo", "OpenERP SA", possibly with a co-author); "Odoo Community Association (OCA)" does not.
 */
export function isOdooAuthor(author: string | null | undefined): boolean {
  return (author ?? '').split(/[,;&/]|\band\b/).some((name) => /^(?:odoo|openerp)(?:\s+(?:s\.?\s?a\.?|ps))?$/i.test(name.trim()));
}

export const installedModuleSourceMissing = defineRule(
  {
    name: 'installed-module-source-missing',
    severity: 'medium',
    title: 'Installed module whose source was not provided',
    dimension: 'module_health',
    requiresInstance: true,
    rationale: 'A custom module runs on the instance but its code is not in the analysed addons paths: its code cannot be reviewed or scored, and it may come from an unknown or outdated copy.',
    remediation: 'Add the repository holding the module to the analysed addons paths (or uninstall the module if it is not needed).',
    effortHours: 0.5,
    references: [MODULE_DOC],
    reads: ['module'],
  },
  {
    project(project, ctxFor) {
      if (!project.instance) return;
      for (const module of project.instance) {
        if (!RUNNING_STATES.has(module.state) || module.imported || project.modules.has(module.name)) continue;
        if (project.core?.depends.has(module.name) || isOdooAuthor(module.author)) continue;
        ctxFor(module.name).report('module_health.installed-module-source-missing', '', FIRST_LINE, `${module.name} is ${module.state} on the instance but its source is not in the analysed addons paths.`, {
          anchor: 'source-missing',
        });
      }
    },
  },
);

const PUBLIC_GROUPS = new Set(['base.group_public', 'base.group_portal']);

export const aclPublicWrite = defineRule(
  {
    name: 'acl-public-write',
    severity: 'high',
    title: 'Access rights that let public or portal users change data',
    rationale:
      "An ir.model.access row granting write, create or delete to the public or portal group — or to no group at all, which means every user including portal and public ones — lets outside users modify the model's records through RPC.",
    remediation: 'Grant write/create/unlink only to internal groups; give portal users read access and expose changes through checked controllers or record rules.',
    effortHours: 0.5,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html'],
    reads: ['csv', 'xml', 'python', 'module'],
  },
  {
    project(project, ctxFor) {
      // Wizards (TransientModel) are per-user scratch records: rights for everyone are the norm there.
      // Abstract models have no records at all, so rows naming them grant nothing.
      const exempt = new Set<string>();
      for (const mod of project.modules.values()) {
        for (const model of mod.models) if ((model.kind === 'transient' || model.noTable) && model.model) exempt.add(`model_${model.model.replace(/\./g, '_')}`);
      }
      for (const mod of project.modules.values()) {
        const ctx = ctxFor(mod.name);
        for (const row of mod.accessRows) {
          if (row.grants.length === 0) continue;
          const group = row.group.includes('.') ? row.group : row.group === '' ? '' : `${mod.name}.${row.group}`;
          if (group !== '' && !PUBLIC_GROUPS.has(group)) continue;
          if (exempt.has(row.modelRef.replace(/^[A-Za-z0-9_]+\./, ''))) continue;
          const who = group === '' ? 'every user (no group), including portal and public users' : group;
          ctx.report(codeRuleId('acl-public-write'), `${mod.path}/${row.file}`, row, `Access row ${row.rowId} grants ${row.grants.join(', ')} on ${row.modelRef} to ${who}.`, {
            anchor: `acl|${row.rowId || row.modelRef}`,
          });
        }
      }
    },
  },
);

export const MODULE_RULES: readonly CodeRule[] = [
  manifestDataMissing,
  dataFileUnlisted,
  manifestBehindMigrations,
  missingReadme,
  testsMissing,
  testFolderImported,
  pythonFileNotImported,
  modelWithoutDescription,
  duplicateXmlId,
  considerMergingInherits,
  modelWithoutAccess,
  aclPublicWrite,
  manifestDependencyUnknown,
  manifestDependencyUndeclared,
  installedModuleSourceMissing,
];
