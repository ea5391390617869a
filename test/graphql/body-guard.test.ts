/**
 * Bodies larger than any operation needs (archive uploads may be up to the code-source cap) are only
 * read for multipart requests by a valid API key; anything else is answered before its body is read.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_BODY_LIMIT } from '../../server/src/http/body-guard.ts';
import { createApiKeyRow, createPartner, startTestApi, type TestApi } from './support.ts';

let api: TestApi;
let key: string;

beforeAll(async () => {
  api = await startTestApi();
  const partner = await createPartner(api.db, 'Acme Integrations');
  key = (await createApiKeyRow(api.db, partner.partnerId, ['write'])).key;
});

afterAll(async () => {
  await api?.close();
});

/** Declares a body of `length` bytes, sends `send` of them, and resolves with the status and body. */
function post(headers: Record<string, string>, length: number, send: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(api.url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the connection while the rest of a refused body is still being sent.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const write = (): void => {
      while (sent < send) {
        const size = Math.min(chunk.length, send - sent);
        sent += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void req.once('drain', write);
      }
      if (send === length) req.end();
    };
    write();
  });
}

describe('large request bodies', () => {
  const tooLarge = OPERATION_BODY_LIMIT + 1;

  it('refuses a JSON body over the operation limit at once, with 413, without reading it', async () => {
    const response = await post({ 'content-type': 'application/json', authorization: `Bearer ${key}` }, tooLarge, 1024);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: expect.stringMatching(/only archive uploads may be larger/) });
  });

  it('refuses a large upload without a valid API key at once, with 401', async () => {
    for (const authorization of [undefined, 'Bearer pulse_not-a-key']) {
      const headers: Record<string, string> = { 'content-type': 'multipart/form-data; boundary=x' };
      if (authorization) headers.authorization = authorization;
      const response = await post(headers, tooLarge, 1024);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('reads a large upload by a valid key (Yoga then judges the multipart itself)', async () => {
    const response = await post({ 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${key}` }, tooLarge, tooLarge);
    expect(response.status).not.toBe(401);
    expect(response.status).not.toBe(413);
  });

  it('leaves ordinary operations alone', async () => {
    const response = await api.request(key, '{ viewer { __typename } }');
    expect(response.status).toBe(200);
  });
});
