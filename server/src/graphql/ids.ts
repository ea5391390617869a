/**
 * Global ids: Relay's default encoding, base64("<Type>:<uuid>"). A global id says which object is
 * meant, never that the asker may see it: every lookup adds the viewer's partner to its filter.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { InvalidInputError } from './errors.ts';

export type NodeTypename = 'Client' | 'Instance' | 'Scan' | 'Finding' | 'ApiKey';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/** The database id inside `globalId` when it is an id of `typename`; null otherwise. */
export function localId(globalId: string, typename: NodeTypename): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function globalId(typename: NodeTypename, id: string): string {
  return encodeGlobalID(typename, id);
}

function notAnId(globalIdText: string, typename: NodeTypename): string {
  return `${JSON.stringify(globalIdText)} is not ${typename === 'Instance' ? 'an' : 'a'} ${typename} id: use the id field of ${typename === 'Instance' ? 'an' : 'a'} ${typename}.`;
}

/** For mutation inputs: a typed InvalidInputError when the text is not an id of that type. */
export function inputId(globalIdText: string, typename: NodeTypename, field: string): string {
  const id = localId(globalIdText, typename);
  if (!id) throw new InvalidInputError(field, notAnId(globalIdText, typename));
  return id;
}

/** For query arguments: a GraphQL error when the text is not an id of that type. */
export function argumentId(globalIdText: string, typename: NodeTypename): string {
  const id = localId(globalIdText, typename);
  if (!id) throw new GraphQLError(notAnId(globalIdText, typename), { extensions: { code: 'BAD_USER_INPUT' } });
  return id;
}
