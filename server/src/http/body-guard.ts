/**
 * The request-body limit is raised for archive uploads (setCodeSource, up to the code-source cap), so
 * before Yoga reads any body: a request declaring more than an operation ever needs must be a
 * multipart upload by a valid API key. Anything else is answered at once (413 or 401), without
 * reading the body.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Db } from '../db/client.ts';
import { authenticate, authFailureMessage } from '../graphql/auth.ts';

/** Yoga's own default: ample for any JSON operation. */
export const OPERATION_BODY_LIMIT = 25_000_000;

function reply(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  return Number.isFinite(length) ? length : null;
}

function isMultipart(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

export function guardLargeBodies(db: Db, now: () => Date, next: RequestListener): RequestListener {
  return (req, res) => {
    const length = declaredLength(req);
    if (length === null || length <= OPERATION_BODY_LIMIT) return next(req, res);
    if (!isMultipart(req)) {
      reply(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is ${length} bytes; operations are limited to ${OPERATION_BODY_LIMIT} (only archive uploads may be larger).`);
      return;
    }
    authenticate(db, req.headers.authorization, now()).then(
      ({ viewer, failure }) => {
        if (viewer) next(req, res);
        else reply(res, 401, 'UNAUTHENTICATED', authFailureMessage(failure));
      },
      () => reply(res, 503, 'UNAVAILABLE', 'The API key could not be checked: try again.'),
    );
  };
}
