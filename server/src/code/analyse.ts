/**
 * The analyser: addons paths in, findings and one check result per rule out.
 *
 * Each file is read and parsed once, every rule for that kind of file runs on it in the same pass,
 * and only small summaries are kept for the module-level and cross-module rules that run last.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parseCsv } from './csvfile.ts';
import { discoverModules, type DiscoveredModule } from './discover.ts';
import { readManifest, manifestStrings, type ManifestInfo } from './manifest.ts';
import type { InstanceModule, ModuleIndex, ProjectIndex } from './model.ts';
import { parsePython, pythonEngine, type PythonEngine } from './python/parser.ts';
import { compilePythonHooks, scanPython, type CompiledPythonHooks } from './python/scan.ts';
import { buildAnalysis, DraftSink, invalidSuppressionDrafts } from './results.ts';
import { coreModulesFor } from './core-modules.ts';
import type { CodeRule, FileContext, Location, ModuleContext, ReportOptions } from './rules/api.ts';
import { CODE_RULE_DEFINITIONS, fileRules, ruleApplies } from './rules/index.ts';
import { lineSuppressions, mayHaveSuppressions, xmlSuppressions } from './suppress.ts';
import { mayHavePylintPragmas, pylintSuppressions } from './pylint-pragmas.ts';
import type { CodeAnalysis, CodeAnalysisStats, CodeFindingDraft } from './types.ts';
import type { Suppression } from './suppress.ts';
import { analyseInWorkers } from './parallel.ts';
import { indexXml } from './xml/index.ts';
import { parseXml } from './xml/parse.ts';
import { isMigrationPath, isTestPath } from './paths.ts';

export interface AnalyseOptions {
  /** Odoo series to apply series-bound rules for; when omitted it is inferred from the manifests. */
  series?: string | null;
  /** The instance's modules (from a live scan): code of modules not running there is reported, not scored. */
  instanceModules?: ReadonlyArray<InstanceModule> | null;
  /** Rules to run (all by default). */
  rules?: readonly CodeRule[];
  /** Resolves relative addons paths (default: the process's working directory). */
  cwd?: string;
  /** Worker threads to spread the modules over (default 1: everything on this thread). */
  jobs?: number;
}

/** Larger files are skipped (and reported): real addon sources are far smaller. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

interface Engine {
  parser: PythonEngine;
  rules: readonly CodeRule[];
  /** The rules' hooks by kind of input, in catalogue order (collected once per run). */
  hooks: HooksByInput;
  python: CompiledPythonHooks;
  series: string | null;
  sink: DraftSink;
  stats: CodeAnalysisStats;
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  let at = text.indexOf('\n');
  while (at !== -1) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  return text.endsWith('\n') ? n : n + 1;
}

function locate(at: Location): { line: number; column: number } {
  if ('startPosition' in at) return { line: at.startPosition.row + 1, column: at.startPosition.column + 1 };
  return at;
}

/** A file's context for the rules: who it belongs to, what kind of code it is, and where findings go. */
class FileReporter implements FileContext {
  readonly isTest: boolean;
  readonly isMigration: boolean;

  constructor(
    private readonly sink: DraftSink,
    readonly module: string | null,
    readonly file: string,
    readonly moduleFile: string,
    readonly series: string | null,
  ) {
    this.isTest = isTestPath(moduleFile);
    this.isMigration = isMigrationPath(moduleFile);
  }

  report(ruleId: string, at: Location, message: string, options?: ReportOptions): void {
    const { line, column } = locate(at);
    this.sink.add({
      ruleId,
      module: this.module,
      file: this.file,
      line,
      column,
      message,
      anchor: options?.anchor ?? message,
      ...(options?.evidence ? { evidence: options.evidence } : {}),
      ...(options?.severity ? { severity: options.severity } : {}),
    });
  }
}

/** A Python file's context carries its source, which the Python walk reads. */
class PythonFileReporter extends FileReporter {
  constructor(sink: DraftSink, module: string | null, file: string, moduleFile: string, series: string | null, readonly source: string) {
    super(sink, module, file, moduleFile, series);
  }
}

export function fileContext(
  sink: DraftSink,
  module: string | null,
  file: string,
  moduleFile: string,
  series: string | null,
): FileContext {
  return new FileReporter(sink, module, file, moduleFile, series);
}

/** Reused between files: most sources fit, so reading one costs no allocation but the string. */
let readBuffer = Buffer.allocUnsafe(256 * 1024);
const KEPT_BUFFER_BYTES = 1024 * 1024;

/** The file decoded as UTF-8, as readFileSync(path, 'utf8') gives it, read through the shared buffer. */
function readUtf8(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let buffer = readBuffer;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
        if (buffer.length <= KEPT_BUFFER_BYTES) readBuffer = buffer;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** `root/file` for a module-relative file (`/`-separated) without path.join's normalising on POSIX. */
function pathIn(root: string, file: string): string {
  if (sep !== '/') return join(root, file);
  return root.endsWith('/') ? root + file : `${root}/${file}`;
}

function readSource(path: string, display: string, sink: DraftSink): string | null {
  try {
    const text = readUtf8(path);
    if (text.length > MAX_SOURCE_BYTES) {
      sink.problem(display, `skipped: ${Math.round(text.length / 1024)} KiB is larger than the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB limit for a source file`);
      return null;
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    sink.problem(display, `could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The part of a path used to decide the language: JavaScript under static/lib or minified is vendored. */
function kindOf(file: string): 'python' | 'xml' | 'csv' | 'js' | null {
  const dot = file.lastIndexOf('.');
  // Only extensions of two or three letters are read (most files in a module are not).
  if (dot < 0 || file.length - dot > 4) return null;
  const ext = file.slice(dot + 1).toLowerCase();
  if (ext === 'py') return 'python';
  if (ext === 'xml') return 'xml';
  if (ext === 'csv') return 'csv';
  if (ext === 'js') return /(^|\/)static\/(lib|libs|vendor)\//.test(file) || file.endsWith('.min.js') ? null : 'js';
  return null;
}

/** Runs every rule's Python hooks over one source, and returns what the module index needs. */
export function analysePythonSource(engine: Pick<Engine, 'parser' | 'python' | 'sink'>, ctx: FileContext & { source: string }) {
  const source = ctx.source;
  const tree = parsePython(engine.parser, source);
  {
    const fileDir = ctx.moduleFile.split('/').slice(0, -1);
    const summary = scanPython(tree, ctx, engine.python, fileDir, (error, node) => {
      const where = node ? `:${node.startPosition.row + 1}` : '';
      engine.sink.problem(`${ctx.file}${where}`, `a rule failed on this code: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (summary.mayHaveSuppressions) engine.sink.suppress(ctx.file, ctx.module, lineSuppressions(source, 'python', summary.functions));
    if (mayHavePylintPragmas(source)) engine.sink.suppress(ctx.file, ctx.module, pylintSuppressions(source));
    return { summary, hasError: tree.rootNode.hasError };
  }
}

function ruleFailed(sink: DraftSink, file: string, error: unknown): void {
  sink.problem(file, `a rule failed on this file: ${error instanceof Error ? error.message : String(error)}`);
}

/** Each rule's hook for one kind of input, in catalogue order (collected once per run). */
interface HooksByInput {
  manifest: ReadonlyArray<NonNullable<CodeRule['manifest']>>;
  xml: ReadonlyArray<NonNullable<CodeRule['xml']>>;
  csv: ReadonlyArray<NonNullable<CodeRule['csv']>>;
  js: ReadonlyArray<NonNullable<CodeRule['js']>>;
  module: ReadonlyArray<NonNullable<CodeRule['module']>>;
  project: ReadonlyArray<NonNullable<CodeRule['project']>>;
}

function hooksByInput(rules: readonly CodeRule[]): HooksByInput {
  return {
    manifest: rules.flatMap((rule) => (rule.manifest ? [rule.manifest] : [])),
    xml: rules.flatMap((rule) => (rule.xml ? [rule.xml] : [])),
    csv: rules.flatMap((rule) => (rule.csv ? [rule.csv] : [])),
    js: rules.flatMap((rule) => (rule.js ? [rule.js] : [])),
    module: rules.flatMap((rule) => (rule.module ? [rule.module] : [])),
    project: rules.flatMap((rule) => (rule.project ? [rule.project] : [])),
  };
}

/** Runs hooks on one input: one that throws is a problem of the file, and the others still run. */
function runHooks<I, C>(sink: DraftSink, file: string, hooks: ReadonlyArray<(input: I, ctx: C) => void>, input: I, ctx: C): void {
  for (const hook of hooks) {
    try {
      hook(input, ctx);
    } catch (error) {
      ruleFailed(sink, file, error);
    }
  }
}

interface ReadManifest {
  source: string;
  manifest: ManifestInfo;
}

function loadManifest(engine: Pick<Engine, 'parser' | 'sink'>, found: DiscoveredModule): ReadManifest {
  const display = `${found.path}/${found.manifestFile}`;
  const source = readSource(pathIn(found.root, found.manifestFile), display, engine.sink) ?? '';
  try {
    return { source, manifest: readManifest(engine.parser, found.manifestFile, source) };
  } catch (error) {
    // A reader bug must not sink the run: the module is analysed as one with an unreadable manifest.
    const at = { line: 1, column: 1 };
    engine.sink.problem(display, `could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return { source, manifest: { file: found.manifestFile, value: null, error: { message: 'the manifest could not be read', ...at }, keys: new Map(), items: new Map(), at } };
  }
}

function analyseModule(engine: Engine, found: DiscoveredModule, read: ReadManifest = loadManifest(engine, found)): ModuleIndex {
  const { sink, hooks, stats, series } = engine;
  const prefix = found.path;
  const { source: manifestSource, manifest } = read;
  stats.files.manifest++;
  stats.lines.manifest += countLines(manifestSource);
  stats.bytes += manifestSource.length;
  const manifestCtx = fileContext(sink, found.name, `${prefix}/${found.manifestFile}`, found.manifestFile, series);
  runHooks(sink, manifestCtx.file, hooks.manifest, manifest, manifestCtx);
  if (mayHaveSuppressions(manifestSource)) sink.suppress(manifestCtx.file, found.name, lineSuppressions(manifestSource, 'python'));
  if (mayHavePylintPragmas(manifestSource)) sink.suppress(manifestCtx.file, found.name, pylintSuppressions(manifestSource));

  const index: ModuleIndex = {
    name: found.name,
    root: found.root,
    path: prefix,
    addonsPath: found.addonsPath,
    manifest,
    files: found.files,
    models: [],
    imports: [],
    unparsedPython: [],
    recordIds: [],
    xmlRefs: [],
    accessRows: [],
  };
  const demoFiles = new Set([...manifestStrings(manifest, 'demo'), ...manifestStrings(manifest, 'demo_xml')]);

  for (const moduleFile of found.files) {
    if (moduleFile === found.manifestFile) continue;
    const kind = kindOf(moduleFile);
    if (!kind) continue;
    const display = `${prefix}/${moduleFile}`;
    const source = readSource(pathIn(found.root, moduleFile), display, sink);
    if (source === null) continue;
    const lines = countLines(source);
    stats.files[kind]++;
    stats.lines[kind] += lines;
    stats.bytes += source.length;
    if (kind === 'python') {
      let result: ReturnType<typeof analysePythonSource>;
      try {
        result = analysePythonSource(engine, new PythonFileReporter(sink, found.name, display, moduleFile, series, source));
      } catch (error) {
        ruleFailed(sink, display, error);
        continue;
      }
      index.models.push(...result.summary.models);
      index.imports.push(...result.summary.imports);
      index.xmlRefs.push(...result.summary.xmlRefs);
      if (result.hasError) index.unparsedPython.push(moduleFile);
      continue;
    }
    const ctx = fileContext(sink, found.name, display, moduleFile, series);
    if (kind === 'xml') {
      const doc = parseXml(source);
      runHooks(sink, display, hooks.xml, doc, ctx);
      const xmlIndex = indexXml(doc, moduleFile, demoFiles.has(moduleFile));
      index.recordIds.push(...xmlIndex.recordIds);
      index.xmlRefs.push(...xmlIndex.xmlRefs);
      index.accessRows.push(...xmlIndex.accessRows);
      if (mayHaveSuppressions(source)) sink.suppress(display, found.name, xmlSuppressions(doc.comments));
    } else if (kind === 'csv') {
      const csv = parseCsv(moduleFile, source);
      runHooks(sink, display, hooks.csv, csv, ctx);
      if (csv.model === 'ir.model.access') {
        for (const row of csv.rows) {
          const ref = xmlIdColumn(row.values, 'model_id');
          if (!ref) continue;
          const grants = ['write', 'create', 'unlink'].filter((p) => /^\s*(1|true|True)\s*$/.test(row.values[`perm_${p}`] ?? ''));
          const group = (xmlIdColumn(row.values, 'group_id') ?? '').trim();
          index.accessRows.push({ file: moduleFile, modelRef: ref.trim(), rowId: row.values.id ?? '', group, grants, line: row.line, column: 1 });
        }
      }
    } else {
      runHooks(sink, display, hooks.js, source, ctx);
      if (mayHaveSuppressions(source)) sink.suppress(display, found.name, lineSuppressions(source, 'js'));
    }
  }
  return index;
}

/** A many2one column of an Odoo CSV by external id: Odoo reads `field:id`, `field/id` and (by name) `field` alike. */
function xmlIdColumn(values: Readonly<Record<string, string>>, field: string): string | undefined {
  return values[`${field}:id`] ?? values[`${field}/id`] ?? values[field];
}

function moduleContext(sink: DraftSink, series: string | null, module: ModuleIndex | null, name: string | null = module?.name ?? null): ModuleContext {
  return {
    series,
    report(ruleId, file, at, message, options) {
      sink.add({
        ruleId,
        module: name,
        file,
        line: at.line,
        column: at.column,
        message,
        anchor: options?.anchor ?? message,
        ...(options?.evidence ? { evidence: options.evidence } : {}),
        ...(options?.severity ? { severity: options.severity } : {}),
      });
    },
  };
}

/** The series most manifests declare (`16.0.1.0.0` → 16.0), or null when they do not agree on one. */
export function inferSeries(modules: readonly ModuleIndex[]): string | null {
  const counts = new Map<string, number>();
  for (const mod of modules) {
    const version = mod.manifest.value?.version;
    const m = typeof version === 'string' ? /^(\d+\.\d+)\.\d+\.\d+\.\d+$/.exec(version) : null;
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [series, count] of counts) {
    if (count > bestCount) {
      best = series;
      bestCount = count;
    }
  }
  return best;
}

function emptyStats(modules: number): CodeAnalysisStats {
  return {
    modules,
    files: { python: 0, xml: 0, csv: 0, js: 0, manifest: 0, total: 0 },
    lines: { python: 0, xml: 0, csv: 0, js: 0, manifest: 0, total: 0 },
    bytes: 0,
  };
}

function makeEngine(parser: PythonEngine, series: string | null, hasInstance: boolean, allRules: readonly CodeRule[], sink: DraftSink, stats: CodeAnalysisStats): Engine {
  const rules = allRules.filter((rule) => ruleApplies(rule.meta, series, hasInstance) === null);
  return { parser, rules, hooks: hooksByInput(rules), python: compilePythonHooks(rules.flatMap((r) => (r.python ? [r.python] : []))), series, sink, stats };
}

/** What one worker (or the main thread) produces for a share of the modules. */
export interface ChunkResult {
  indexes: ModuleIndex[];
  drafts: CodeFindingDraft[];
  suppressions: Array<[string, { module: string | null; list: Suppression[] }]>;
  problems: Array<{ file: string; message: string }>;
  stats: CodeAnalysisStats;
}

/** Runs the per-file rules over some modules with the default rules (the worker side of --jobs). */
export async function analyseChunk(found: readonly DiscoveredModule[], series: string | null, hasInstance: boolean): Promise<ChunkResult> {
  const parser = await pythonEngine();
  const sink = new DraftSink();
  const stats = emptyStats(found.length);
  const engine = makeEngine(parser, series, hasInstance, fileRules(CODE_RULE_DEFINITIONS), sink, stats);
  const indexes = found.map((mod) => analyseModule(engine, mod));
  return { indexes, drafts: sink.drafts, suppressions: [...sink.suppressions], problems: sink.problems, stats };
}

function addStats(into: CodeAnalysisStats, from: CodeAnalysisStats): void {
  for (const key of ['python', 'xml', 'csv', 'js', 'manifest'] as const) {
    into.files[key] += from.files[key];
    into.lines[key] += from.lines[key];
  }
  into.bytes += from.bytes;
}

export async function analyseAddons(paths: readonly string[], options: AnalyseOptions = {}): Promise<CodeAnalysis> {
  const parser = await pythonEngine();
  const found = discoverModules(paths, options.cwd);
  const seriesSource = options.series ? 'option' : 'manifests';
  const hasInstance = Boolean(options.instanceModules);
  const sink = new DraftSink();
  // Manifests are read first: they give the series the rules are chosen for, and are kept for the pass.
  const peek = new DraftSink();
  const manifests = found.map((mod) => loadManifest({ parser, sink: peek }, mod));
  const series = options.series ?? inferSeries(manifests.map((m) => ({ manifest: m.manifest }) as ModuleIndex));
  const allRules = fileRules(options.rules ?? CODE_RULE_DEFINITIONS);
  const stats = emptyStats(found.length);
  const engine = makeEngine(parser, series, hasInstance, allRules, sink, stats);

  const indexes: ModuleIndex[] = [];
  const jobs = options.rules ? 1 : Math.max(1, Math.floor(options.jobs ?? 1));
  if (jobs > 1 && found.length > 1) {
    for (const chunk of await analyseInWorkers(found, series, hasInstance, jobs)) {
      indexes.push(...chunk.indexes);
      sink.addAll(chunk.drafts);
      for (const [file, entry] of chunk.suppressions) sink.suppress(file, entry.module, entry.list);
      for (const p of chunk.problems) sink.problem(p.file, p.message);
      addStats(stats, chunk.stats);
    }
  } else {
    for (const p of peek.problems) sink.problem(p.file, p.message);
    for (let i = 0; i < found.length; i++) {
      indexes.push(analyseModule(engine, found[i], manifests[i]));
      // Let other work run between modules when this is called inside a server.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const modules = new Map<string, ModuleIndex>();
  for (const index of indexes) if (!modules.has(index.name)) modules.set(index.name, index);
  const project: ProjectIndex = {
    modules,
    series,
    core: series ? coreModulesFor(series) : null,
    instance: options.instanceModules ?? null,
  };
  for (const mod of modules.values()) {
    const ctx = moduleContext(sink, series, mod);
    runHooks(sink, mod.path, engine.hooks.module, mod, ctx);
  }
  const ctxFor = (name: string | null): ModuleContext => moduleContext(sink, series, name === null ? null : (modules.get(name) ?? null), name);
  runHooks(sink, '(project)', engine.hooks.project, project, ctxFor);
  sink.addAll(invalidSuppressionDrafts(sink, allRules));

  stats.files.total = stats.files.python + stats.files.xml + stats.files.csv + stats.files.js + stats.files.manifest;
  stats.lines.total = stats.lines.python + stats.lines.xml + stats.lines.csv + stats.lines.js + stats.lines.manifest;
  return buildAnalysis({
    rules: allRules,
    series,
    seriesSource: series === null ? 'unknown' : seriesSource,
    sink,
    stats,
    modules: [...modules.values()],
    instance: options.instanceModules ?? null,
  });
}
