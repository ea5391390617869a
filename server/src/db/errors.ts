/** Database failures a user can act on: the CLI prints the message as one line (exit 2). */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** A migration that could not be applied, or a migration history that does not match this release. */
export class MigrationError extends DatabaseError {
  override name = 'MigrationError';
  constructor(
    message: string,
    /** The migration directory name (`20250101000000_init`), when one migration is at fault. */
    readonly migration: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** `host:port/database` of a connection string: for messages, never the password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}

/** One sentence for a failure to reach PostgreSQL. */
export function connectionFailure(databaseUrl: string, error: unknown): DatabaseError {
  return new DatabaseError(`Cannot connect to PostgreSQL at ${describeDatabaseUrl(databaseUrl)}: ${errorText(error)}`, { cause: error });
}

/** An error's message; Node reports a refused dual-stack connection as an AggregateError with none. */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) return errorText(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
