/**
 * Which server actions hold custom code, and how to name them in findings. Odoo's own modules ship
 * dozens of Python server actions (and every cron is one); findings are about code someone wrote in
 * the database, so actions created by a module's data are left out whenever that can be told.
 */
import type { CronFact, ServerActionFact } from '../../facts/types.ts';
import type { FindingObject } from '../types.ts';

export type Provenance = 'module' | 'custom' | 'unknown';

export interface ActionProvenance {
  provenance: Provenance;
  /** Why, in words ("no XML id", "created for automation rule #3"…). */
  reason: string;
}

/** Odoo's superuser, which runs the crons modules ship (their data sets user_id to base.user_root). */
const ODOOBOT_ID = 1;

/**
 * The XML id decides when it was collected. Without it: an automation rule's action, or the action of
 * a cron that runs as someone other than OdooBot, was made in the database (modules ship their crons
 * as OdooBot and rarely ship automation rules); anything else is unknown.
 */
export function actionProvenance(action: ServerActionFact, crons: readonly CronFact[] = []): ActionProvenance {
  if (action.xmlId !== undefined) {
    return action.xmlId === null
      ? { provenance: 'custom', reason: 'it has no XML id' }
      : { provenance: 'module', reason: `it comes from ${action.xmlId}` };
  }
  if (action.automationId !== null) {
    return { provenance: 'custom', reason: `it runs for automation rule #${action.automationId}` };
  }
  const cron = crons.find((c) => c.serverActionId === action.id);
  if (cron && cron.userId !== null && cron.userId !== ODOOBOT_ID) {
    return { provenance: 'custom', reason: `its cron runs as ${cron.userName ?? `user #${cron.userId}`}, not OdooBot` };
  }
  return { provenance: 'unknown', reason: 'its origin (module or database) could not be told' };
}

/** Code actions whose code goes through the code rules in a scan (../../engine/code.ts): all not known to come from a module. */
export function scannableActions(actions: readonly ServerActionFact[]): ServerActionFact[] {
  return actions.filter((a) => a.state === 'code' && a.code !== null && actionProvenance(a).provenance !== 'module');
}

/** "Server action 'X'", "Cron 'X'", "Automation rule action 'X' (rule #3)". */
export function describeAction(action: ServerActionFact): string {
  if (action.usage === 'ir_cron') return `Cron '${action.name}'`;
  if (action.automationId !== null || action.usage === 'base_automation') {
    return `Action '${action.name}' of automation rule #${action.automationId ?? '?'}`;
  }
  return `Server action '${action.name}'`;
}

export function actionObject(action: ServerActionFact): FindingObject {
  return { kind: 'server_action', key: String(action.id), label: action.name };
}

export function actionEvidence(action: ServerActionFact): Record<string, unknown> {
  return {
    serverActionId: action.id,
    model: action.model,
    usage: action.usage,
    automationId: action.automationId,
    provenance: actionProvenance(action).provenance,
  };
}
