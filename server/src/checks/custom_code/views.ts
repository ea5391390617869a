import type { ViewFact } from '../../facts/types.ts';
import type { FindingObject } from '../types.ts';

export function viewObject(view: ViewFact): FindingObject {
  return { kind: 'view', key: String(view.id), label: view.key ?? view.name };
}

/** "QWeb view 'x_custom_login_banner' (inherits view #191)". */
export function describeView(view: ViewFact): string {
  const type = view.type === 'qweb' ? 'QWeb' : view.type;
  const inherits = view.inheritId !== null ? ` (inherits view #${view.inheritId})` : '';
  return `${type} view '${view.name}'${inherits}`;
}
