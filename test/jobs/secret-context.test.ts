/** The worker decrypts instance secrets with the context the API encrypted them with. */
import { describe, expect, it } from 'vitest';
import { instanceSecretContext as apiContext } from '../../server/src/graphql/types/instance.ts';
import { instanceSecretContext as workerContext } from '../../server/src/jobs/scan-job.ts';
import { decryptSecret, encryptSecret } from '../../server/src/security/secrets.ts';
import { keyring } from '../scans/support.ts';

describe('instance secret context', () => {
  it('is the same for the API (encrypts) and the worker (decrypts)', () => {
    const id = '01a242e4-514d-77e2-b0bc-73e8459ebeb3';
    expect(workerContext(id)).toBe(apiContext(id));
    expect(decryptSecret(encryptSecret('odoo-password', keyring, apiContext(id)), keyring, workerContext(id))).toBe('odoo-password');
  });
});
