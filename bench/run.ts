/**
 * `npm run bench [-- SUITE… --runs N --warmup N]`: runs the benchmark suites in bench/suites/ (one
 * module each, exporting `suite`), prints a table per suite and writes bench/results/<suite>.json.
 * Add a suite by adding a module; nothing here needs to change.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchSuite, SuiteReport } from './suite.ts';
import { renderTable } from './table.ts';

const SUITES_DIR = new URL('./suites/', import.meta.url);
const RESULTS_DIR = new URL('./results/', import.meta.url);

async function loadSuites(): Promise<BenchSuite[]> {
  const files = readdirSync(SUITES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(new URL(file, SUITES_DIR).href)) as { suite?: BenchSuite };
    if (!mod.suite) throw new Error(`bench/suites/${file} does not export \`suite\``);
    suites.push(mod.suite);
  }
  return suites;
}

function positiveInt(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, warmup: { type: 'string' } },
    allowPositionals: true,
  });
  const runs = positiveInt('runs', values.runs, 10, 1);
  const warmup = positiveInt('warmup', values.warmup, 2, 0);
  const all = await loadSuites();
  const unknown = positionals.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown suite ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const selected = positionals.length > 0 ? all.filter((s) => positionals.includes(s.name)) : all;
  const cpu = cpus();
  const environment = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const suite of selected) {
    process.stderr.write(`bench ${suite.name}: ${suite.description} (${runs} runs, ${warmup} warm-up)\n`);
    const cases = await suite.run({ runs, warmup, log: (line) => process.stderr.write(`  ${line}\n`) });
    const report: SuiteReport = {
      suite: suite.name,
      description: suite.description,
      ranAt: new Date().toISOString(),
      environment,
      runs,
      warmup,
      cases,
    };
    const file = new URL(`${suite.name}.json`, RESULTS_DIR);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${suite.name}: ${suite.description}\n${renderTable(cases)}\n(written to bench/results/${suite.name}.json)\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
