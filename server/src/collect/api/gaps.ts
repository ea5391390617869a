/**
 * Why a fact group could not be collected, in one sentence a reader of the report can act on.
 */
import { OdooError } from '../../odoo/types.ts';

const MAX_DETAIL = 300;

export function gapReason(error: unknown, model: string): string {
  const subject = error instanceof OdooError && error.model ? error.model : model;
  if (!(error instanceof OdooError)) {
    return `could not read ${subject}: ${shorten(error instanceof Error ? error.message : String(error))}`;
  }
  const detail = shorten(error.detail || error.message);
  switch (error.kind) {
    case 'access_denied':
      return `access denied on ${subject}: ${detail}`;
    case 'unknown_model':
      return `model ${subject} is not installed`;
    case 'unknown_field':
      return `a field is missing on ${subject}: ${detail}`;
    case 'unreachable':
      return `could not read ${subject}, the server stopped answering: ${detail}`;
    default:
      return `could not read ${subject}: ${detail}`;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL - 1)}…` : oneLine;
}
