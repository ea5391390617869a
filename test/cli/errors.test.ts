import { describe, expect, it } from 'vitest';
import { redact, scanFailure } from '../../server/src/cli/errors.ts';
import { UserError } from '../../server/src/cli/types.ts';
import { OdooError } from '../../server/src/odoo/types.ts';

describe('scan failures', () => {
  it('turns an OdooError into one line naming the instance, with any echoed secret masked', () => {
    const error = new OdooError('bad_credentials', 'Odoo refused the API key\n  sk-live-123456 for audit');
    const failure = scanFailure(error, 'https://erp.example.com', ['sk-live-123456']);
    expect(failure).toBeInstanceOf(UserError);
    expect(failure!.message).toBe('cannot scan https://erp.example.com: Odoo refused the API key *** for audit');
  });

  it('treats a raw network error as the user\'s to fix, and anything else as a bug', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:8069'), { code: 'ECONNREFUSED' });
    expect(scanFailure(refused, 'http://10.0.0.1:8069', [])!.message).toMatch(/^cannot scan http:\/\/10\.0\.0\.1:8069: the connection was refused/);
    expect(scanFailure(new TypeError('x is undefined'), 'http://a', [])).toBeNull();
  });

  it('does not mask short secrets that would hide ordinary words', () => {
    expect(redact('user admin refused', ['admin'])).toBe('user admin refused');
    expect(redact('key abcdef1234 refused', ['abcdef1234'])).toBe('key *** refused');
  });
});
