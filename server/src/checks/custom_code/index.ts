import type { CheckDefinition } from '../types.ts';
import { automationOnHotModel } from './automation-on-hot-model.ts';
import { databasePythonCode } from './database-python-code.ts';
import { dynamicEvaluation } from './dynamic-evaluation.ts';
import { formattedSql } from './formatted-sql.ts';
import { hardcodedSecret } from './hardcoded-secret.ts';
import { sudoInCode } from './sudo-in-code.ts';
import { transactionControl } from './transaction-control.ts';
import { unescapedQwebOutput } from './unescaped-qweb-output.ts';
import { viewWithoutXmlId } from './view-without-xml-id.ts';

/** The custom code dimension's checks, one module each. */
export const customCodeChecks: readonly CheckDefinition[] = [
  formattedSql,
  dynamicEvaluation,
  transactionControl,
  hardcodedSecret,
  sudoInCode,
  unescapedQwebOutput,
  automationOnHotModel,
  databasePythonCode,
  viewWithoutXmlId,
];
