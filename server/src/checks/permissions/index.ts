import type { CheckDefinition } from '../types.ts';

/** The permissions dimension's checks, one module each. */
export const permissionsChecks: readonly CheckDefinition[] = [];
