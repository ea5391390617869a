import type { CheckDefinition } from '../types.ts';

/** The security dimension's checks, one module each. */
export const securityChecks: readonly CheckDefinition[] = [];
