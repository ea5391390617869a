import type { CheckMeta } from '../../checks/types.ts';

/** The source-code analyser's rules (filled in by the analyser; the catalogue doc lists them too). */
export const CODE_RULES: readonly CheckMeta[] = [];
