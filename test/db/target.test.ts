import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../server/src/db/errors.ts';
import { openDatabaseTarget } from '../../server/src/db/target.ts';

describe('choosing the database', () => {
  it('uses DATABASE_URL when set, describing it without the password', async () => {
    const target = await openDatabaseTarget({ env: { DATABASE_URL: 'postgresql://pulse:pw-123456@db.internal:6543/pulse' }, cwd: '/nonexistent' });
    expect(target).toMatchObject({ kind: 'postgres', url: 'postgresql://pulse:pw-123456@db.internal:6543/pulse' });
    expect(target.description).toBe('PostgreSQL at db.internal:6543/pulse');
    await target.close();
  });

  it('prefers --database-url over DATABASE_URL', async () => {
    const target = await openDatabaseTarget({
      databaseUrl: 'postgres://a@flag-host/x',
      env: { DATABASE_URL: 'postgresql://b@env-host/y' },
      cwd: '/nonexistent',
    });
    expect(target.url).toBe('postgres://a@flag-host/x');
  });

  it('refuses a connection string for another database', async () => {
    await expect(openDatabaseTarget({ env: { DATABASE_URL: 'mysql://root@localhost/pulse' }, cwd: '/' })).rejects.toThrow(DatabaseError);
    await expect(openDatabaseTarget({ env: { DATABASE_URL: 'mysql://root@localhost/pulse' }, cwd: '/' })).rejects.toThrow(
      /DATABASE_URL \(or --database-url\) must be a postgresql:\/\/ connection string/,
    );
  });
});
