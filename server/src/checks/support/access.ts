/** Reading ACLs (ir.model.access) and record rules (ir.rule) together. */
import type { AccessRuleFact, ModelFact, RecordRuleFact } from '../../facts/types.ts';

/** The operations an ACL row grants beyond reading, e.g. ["write", "unlink"]. */
export type ChangeOperation = 'write' | 'create' | 'unlink';

export function grantedChanges(rule: AccessRuleFact, operations: readonly ChangeOperation[] = ['write', 'create', 'unlink']): ChangeOperation[] {
  return operations.filter((op) => rule[op]);
}

/** How a user would say it: unlink is "delete". */
export function operationWord(operation: ChangeOperation): string {
  return operation === 'unlink' ? 'delete' : operation;
}

/**
 * Active record rules on a model that restrict the operation for users holding `groupIds` (the
 * group and what it implies): global rules, and group rules naming one of those groups.
 */
export function restrictingRules(
  rules: readonly RecordRuleFact[],
  modelId: number,
  operation: ChangeOperation,
  groupIds: readonly number[],
): RecordRuleFact[] {
  return rules.filter(
    (r) => r.active && r.modelId === modelId && r[operation] && (r.global || r.groupIds.some((id) => groupIds.includes(id))),
  );
}

export function modelsById(models: readonly ModelFact[]): Map<number, ModelFact> {
  return new Map(models.map((m) => [m.id, m]));
}

/** The ACL row's model: its technical name when known. */
export function modelLabel(rule: AccessRuleFact, byId: ReadonlyMap<number, ModelFact>): string {
  return rule.model ?? byId.get(rule.modelId)?.model ?? `model #${rule.modelId}`;
}
