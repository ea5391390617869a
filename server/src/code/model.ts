/**
 * What the single pass over an addon's files remembers for the rules that look at a whole module
 * (models without access rows, files not imported, duplicate xml ids…) or at several modules
 * (undeclared dependencies). Parse trees are never kept: only these small summaries.
 */
import type { ManifestInfo, SourcePosition } from './manifest.ts';

export interface ModelDeclaration extends SourcePosition {
  /** Path inside the module. */
  file: string;
  className: string;
  /** `_name`, or the single `_inherit` when `_name` is absent (an extension). */
  model: string | null;
  /** Declares a new model: `_name` set and not among `_inherit`. */
  isNew: boolean;
  inherits: string[];
  kind: 'model' | 'transient' | 'abstract' | 'unknown';
  hasDescription: boolean;
  /** An abstract model (no table, no access rights needed). */
  noTable: boolean;
  /** `_auto = False`: a table or SQL view the module creates itself. */
  sqlView: boolean;
  /** The methods the class defines, with what override rules need to know. */
  methods: MethodSummary[];
}

export interface MethodSummary extends SourcePosition {
  name: string;
  /** Dotted names of its decorators: `api.constrains`, `api.model`. */
  decorators: readonly string[];
  returnsValue: boolean;
  yields: boolean;
  /** Calls super() on the same method (an override), as opposed to defining the method. */
  callsSuper: boolean;
}

export interface XmlRef extends SourcePosition {
  file: string;
  /** Fully qualified `module.xml_id`. */
  ref: string;
}

export interface XmlRecordId extends SourcePosition {
  file: string;
  /** The id as written (may be qualified with this module's name). */
  id: string;
  /** Element that declares it: record, template, menuitem, act_window, report… */
  tag: string;
  /** Listed under `demo` in the manifest (demo data may legitimately override data). */
  demo: boolean;
  /** Declared inside a `noupdate="1"` block (a second declaration there usually completes the first). */
  noupdate: boolean;
}

export interface ImportRef extends SourcePosition {
  /** The importing file, inside the module. */
  file: string;
  /** Module-relative dotted target resolved to a path without extension (`models/sale_order`). */
  target: string;
}

export interface AccessRow extends SourcePosition {
  file: string;
  /** Model reference as written: `model_sale_order` or `sale.model_sale_order`. */
  modelRef: string;
  /** The row's xml id. */
  rowId: string;
  /** Group reference as written, '' for a row without group (everyone). */
  group: string;
  /** Which of write, create, unlink it grants. */
  grants: string[];
}

export interface ModuleIndex {
  name: string;
  /** Absolute directory of the module. */
  root: string;
  /** Path of the module relative to its addons path (the prefix of every finding's file). */
  path: string;
  addonsPath: string;
  manifest: ManifestInfo;
  /** Every file inside the module, module-relative with `/` separators. */
  files: string[];
  models: ModelDeclaration[];
  imports: ImportRef[];
  /** Python files that failed to parse (they may import others we cannot see). */
  unparsedPython: string[];
  recordIds: XmlRecordId[];
  /** References to xml ids of other modules (`ref="sale.view_order_form"`, `env.ref('sale.x')`). */
  xmlRefs: XmlRef[];
  /** ir.model.access rows (CSV or XML), by model reference. */
  accessRows: AccessRow[];
}

export interface CoreModules {
  series: string;
  /** Module → its declared dependencies, for the Odoo Community modules of that series. */
  depends: ReadonlyMap<string, readonly string[]>;
}

export interface ProjectIndex {
  modules: ReadonlyMap<string, ModuleIndex>;
  series: string | null;
  /** Odoo's own modules when known for the series (to resolve dependencies outside the analysed paths). */
  core: CoreModules | null;
  /** The modules the instance knows, with their state (live scan), or null without a scan. */
  instance: ReadonlyArray<InstanceModule> | null;
}

/** What a live scan says about one module (a subset of the `modules` fact). */
export interface InstanceModule {
  name: string;
  /** installed | uninstalled | to upgrade | to install | to remove | uninstallable */
  state: string;
  author?: string | null;
  /** Imported as a data module (base_import_module): it has no Python source to find. */
  imported?: boolean | null;
}

/** States in which a module's code runs on the instance. */
export const RUNNING_STATES: ReadonlySet<string> = new Set(['installed', 'to upgrade', 'to remove']);
