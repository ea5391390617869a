/**
 * The source-code analyser's public surface, for the CLI, the live scan and the server.
 *
 *   analyseAddons(paths, { series, instanceModules })  → CodeAnalysis (CheckResult[] for scorePulse)
 *   analyseStoredCode([{ language, name, code }])      → CheckResult[] for database-stored code
 *   extractArchive(file) / cloneRepository(url, opts)  → a temporary source tree to analyse
 */
export { analyseAddons, type AnalyseOptions } from './analyse.ts';
export { analyseStoredCode, type StoredCode, type StoredCodeAnalysis, type StoredCodeOptions } from './stored-code.ts';
export { buildCodeReport, renderCodeJson, renderCodeSarif, renderCodeText, type CodeReport } from './report.ts';
export { extractArchive, detectFormat, type ExtractedTree } from './intake/archive.ts';
export { cloneRepository, checkCloneUrl, type CloneOptions } from './intake/git.ts';
export { DEFAULT_LIMITS, type IntakeLimits } from './intake/limits.ts';
export { CodeInputError } from './errors.ts';
export { CODE_RULES, CODE_RULE_DEFINITIONS, fileRules, storedCodeRules } from './rules/index.ts';
export type { InstanceModule } from './model.ts';
export type { CodeAnalysis, CodeRuleMeta, RuleScope } from './types.ts';
