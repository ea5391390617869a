/**
 * Models that no active access right covers. `ir.model` also lists abstract models (mixins, QWeb
 * helpers, report renderers), which have no table and need no access right: in real Odoo databases
 * every model without an ACL is such an abstract model from Odoo itself. So only two cases are
 * reported: models created in the UI (state "manual", always real tables), and models that only
 * custom modules define and whose name does not look abstract.
 */
import type { ModelFact, ModuleFact } from '../../facts/types.ts';
import { isOdooModule, splitModules } from '../support/modules.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** Names Odoo and most custom code use for abstract models. */
const ABSTRACT_NAME = /mixin|abstract|^report\.|^ir\.qweb|^ir\.http$|^ir\.websocket$|^_unknown$|^base$|\.(common|api|utils?|tools?|helpers?)$/;

function customOnly(model: ModelFact, modules: ReadonlyMap<string, ModuleFact>): string[] | null {
  const names = splitModules(model.modules);
  if (names.length === 0) return null;
  const definers = names.map((n) => modules.get(n));
  // A module we do not know, or any Odoo module among the definers, means we cannot call it custom.
  if (definers.some((m) => m === undefined || isOdooModule(m))) return null;
  return names;
}

export const modelsWithoutAccessRules = defineCheck({
  id: 'permissions.models-without-access-rules',
  dimension: 'permissions',
  severity: 'low',
  title: 'Models without any access right',
  rationale:
    'A model with no access right can only be used by the superuser: users get access errors, and the usual "fix" is ' +
    'a broad grant or sudo() in code, which bypasses security altogether. Odoo itself warns about such models at start-up.',
  remediation:
    'Add access rights (ir.model.access) for the groups that use the model, in the custom module\'s security/ir.model.access.csv or in Settings > Technical > Access Rights for models created in the UI. ' +
    'Remove the model if nothing uses it.',
  effortHours: 0.5,
  references: [REF.odooSecurityReference, REF.owaspAccessControl],
  requires: ['models', 'accessRules', 'modules'],
  evaluate: ({ models, accessRules, modules }) => {
    const covered = new Set(accessRules.filter((a) => a.active).map((a) => a.modelId));
    const moduleByName = new Map(modules.map((m) => [m.name, m]));
    const drafts: FindingDraft[] = [];
    for (const model of models) {
      if (model.transient || covered.has(model.id)) continue;
      if (model.state === 'manual') {
        drafts.push({
          object: { kind: 'model', key: model.model, label: model.name },
          message: `Model ${model.model} ("${model.name}"), created in the user interface, has no access right: only the superuser can use it.`,
          severity: 'medium',
          evidence: { model: model.model, state: model.state },
        });
        continue;
      }
      if (ABSTRACT_NAME.test(model.model)) continue;
      const definers = customOnly(model, moduleByName);
      if (!definers) continue;
      drafts.push({
        object: { kind: 'model', key: model.model, label: model.name },
        message: `Model ${model.model} ("${model.name}") from ${definers.join(', ')} has no access right: unless it is an abstract model, only the superuser can use it.`,
        evidence: { model: model.model, modules: definers },
      });
    }
    return drafts;
  },
});
