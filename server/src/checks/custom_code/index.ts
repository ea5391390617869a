import type { CheckDefinition } from '../types.ts';
import { automationOnHotModel } from './automation-on-hot-model.ts';
import { databasePythonCode } from './database-python-code.ts';
import { viewWithoutXmlId } from './view-without-xml-id.ts';

/**
 * The custom code dimension's live checks, one module each: what the database itself says about the
 * code it holds. The code's content (SQL built by formatting, sudo(), commits, eval, secrets,
 * unescaped QWeb…) goes through the source-code analyser's rules instead, in every scan (see
 * ../../engine/code.ts), so one problem is found once, by one implementation, in files and database alike.
 */
export const customCodeChecks: readonly CheckDefinition[] = [
  automationOnHotModel,
  databasePythonCode,
  viewWithoutXmlId,
];
