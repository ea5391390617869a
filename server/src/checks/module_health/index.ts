import type { CheckDefinition } from '../types.ts';
import { codeOlderThanDatabase } from './code-older-than-database.ts';
import { importedModule } from './imported-module.ts';
import { licenceConflict } from './licence-conflict.ts';
import { missingDependency } from './missing-dependency.ts';
import { modulesNotLoaded } from './modules-not-loaded.ts';
import { pendingOperation } from './pending-operation.ts';
import { unknownAuthor } from './unknown-author.ts';
import { unknownLicence } from './unknown-licence.ts';

/** The module health dimension's checks, one module each. */
export const moduleHealthChecks: readonly CheckDefinition[] = [
  pendingOperation,
  missingDependency,
  modulesNotLoaded,
  codeOlderThanDatabase,
  licenceConflict,
  unknownAuthor,
  unknownLicence,
  importedModule,
];
