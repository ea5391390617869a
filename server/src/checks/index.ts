/**
 * The check catalogue: every live check, in one list. Each dimension folder exports its checks from
 * its own index.ts; add a check there, never here.
 */
import type { CheckDefinition } from './types.ts';

// Dimension folders register here (see their index.ts).
export const ALL_CHECKS: readonly CheckDefinition[] = [];
