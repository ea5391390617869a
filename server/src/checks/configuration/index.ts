import type { CheckDefinition } from '../types.ts';

/** The configuration dimension's checks, one module each. */
export const configurationChecks: readonly CheckDefinition[] = [];
