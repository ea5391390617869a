import type { CheckDefinition } from '../types.ts';

/** The performance dimension's checks, one module each. */
export const performanceChecks: readonly CheckDefinition[] = [];
