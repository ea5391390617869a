import type { CheckDefinition } from '../types.ts';

/** The compliance dimension's checks, one module each. */
export const complianceChecks: readonly CheckDefinition[] = [];
