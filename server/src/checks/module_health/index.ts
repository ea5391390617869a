import type { CheckDefinition } from '../types.ts';

/** The module health dimension's checks, one module each. */
export const moduleHealthChecks: readonly CheckDefinition[] = [];
