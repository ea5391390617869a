/**
 * What the long-running commands (serve, worker) share around starting up: the environment checked
 * before anything starts, and the setup faults (database, Redis, secret key) that are the user's to
 * fix, turned into one line (exit 2) instead of an internal error.
 */
import { codeSourceSettingsFromEnv, type CodeSourceSettings } from '../code-sources/settings.ts';
import { DatabaseError } from '../db/errors.ts';
import { usesPostgres } from '../db/target.ts';
import { EventBusError } from '../events/bus.ts';
import { checkSecretKeyUpFront } from '../security/local-key.ts';
import { SecretKeyError } from '../security/secrets.ts';
import { UserError } from './types.ts';

/** The error to throw for `error`: a UserError with its sentence when the setup is at fault. */
export function asSetupError(error: unknown): unknown {
  if (error instanceof DatabaseError || error instanceof EventBusError || error instanceof SecretKeyError) return new UserError(error.message);
  return error;
}

/**
 * Checks the secret key and PULSE_GIT_HOSTS before anything starts, so a mistake there is one line
 * rather than a half-started server; returns the code-source settings.
 */
export function checkProcessEnvironment(databaseUrl: string | undefined, env: NodeJS.ProcessEnv): CodeSourceSettings {
  try {
    checkSecretKeyUpFront(env, usesPostgres({ databaseUrl, env }));
  } catch (error) {
    throw asSetupError(error);
  }
  return codeSourceSettingsFromEnv(env);
}
