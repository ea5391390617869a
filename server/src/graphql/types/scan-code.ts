/**
 * ScanCodeAnalysis: `Scan.codeAnalysis`, what the source-code analyser read in a scan, from the stored
 * report's `code` section (server/src/report/types.ts ScanReportCode). Its findings in scored code are
 * the scan's findings; what is here is what the score does not show: the modules of the code source
 * and whether each was scored, findings in code the instance does not run, and what could not be
 * analysed (a code source that could not be fetched among them).
 */
import type { Finding } from '../../checks/types.ts';
import type { ModuleSummary } from '../../code/types.ts';
import type { ScanReportCode } from '../../report/types.ts';
import { viewerPartnerId } from '../access.ts';
import { builder } from '../builder.ts';
import { SeverityEnum } from './enums.ts';
import { ScanRef } from './scan.ts';

const CodeModuleRef = builder.objectRef<ModuleSummary>('CodeModule').implement({
  description: 'A module found in the code source.',
  fields: (t) => ({
    name: t.exposeString('name'),
    path: t.exposeString('path', { description: 'Its folder, relative to the root of the code source.' }),
    version: t.exposeString('version', { nullable: true, description: "The manifest's version." }),
    scored: t.exposeBoolean('scored', { description: 'False when the instance does not have it installed: its findings are reported, not scored.' }),
    state: t.exposeString('state', { nullable: true, description: "Its state on the instance (installed, uninstalled…), when known." }),
  }),
});

const CodeFindingRef = builder.objectRef<Finding>('CodeFinding').implement({
  description: 'A finding in the code of a module the instance does not run: reported, not scored.',
  fields: (t) => ({
    checkId: t.exposeString('checkId'),
    severity: t.field({ type: SeverityEnum, resolve: (finding) => finding.severity }),
    title: t.exposeString('title'),
    message: t.exposeString('message'),
    module: t.string({ nullable: true, resolve: (finding) => finding.object.label ?? null }),
    file: t.string({ nullable: true, description: 'Relative to the root of the code source.', resolve: (finding) => finding.object.file ?? null }),
    line: t.int({ nullable: true, resolve: (finding) => finding.object.line ?? null }),
  }),
});

const CodeProblemRef = builder.objectRef<ScanReportCode['problems'][number]>('CodeProblem').implement({
  description: 'A file, stored record or code source that could not be analysed, and why.',
  fields: (t) => ({
    file: t.exposeString('file'),
    message: t.exposeString('message'),
  }),
});

const ScanCodeAnalysisRef = builder.objectRef<ScanReportCode>('ScanCodeAnalysis').implement({
  description: "What the source-code analyser read in the scan: the code source's modules, findings in code the instance does not run, problems.",
  fields: (t) => ({
    sources: t.stringList({
      description: "The instance's code source as the scan had it (archive name, or git URL and ref); empty when it had none. When it could not be fetched, `problems` says why.",
      resolve: (code) => code.addonsPaths,
    }),
    modules: t.field({ type: [CodeModuleRef], resolve: (code) => code.modules }),
    unscoredFindings: t.field({ type: [CodeFindingRef], resolve: (code) => code.unscored }),
    problems: t.field({ type: [CodeProblemRef], resolve: (code) => code.problems }),
  }),
});

function isCodeSection(value: unknown): value is ScanReportCode {
  if (typeof value !== 'object' || value === null) return false;
  const code = value as Partial<ScanReportCode>;
  return Array.isArray(code.addonsPaths) && Array.isArray(code.modules) && Array.isArray(code.unscored) && Array.isArray(code.problems);
}

builder.prismaObjectField(ScanRef, 'codeAnalysis', (t) =>
  t.field({
    type: ScanCodeAnalysisRef,
    nullable: true,
    description: 'What the source-code analyser read; null until the scan is stored (and for reports of older versions).',
    select: { id: true },
    resolve: async (scan, _args, context) => {
      // Only the report's code section leaves the database, not the whole report.
      const rows = await context.db.$queryRaw<Array<{ code: unknown }>>`
        SELECT report->'code' AS code FROM scan WHERE id = ${scan.id}::uuid AND partner_id = ${viewerPartnerId(context)}::uuid`;
      const code = rows[0]?.code;
      return isCodeSection(code) ? code : null;
    },
  }),
);
