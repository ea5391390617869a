import type { CheckDefinition } from '../types.ts';

/** The update currency dimension's checks, one module each. */
export const updateCurrencyChecks: readonly CheckDefinition[] = [];
