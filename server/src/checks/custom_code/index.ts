import type { CheckDefinition } from '../types.ts';

/** The custom code dimension's checks, one module each. */
export const customCodeChecks: readonly CheckDefinition[] = [];
