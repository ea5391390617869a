/**
 * The server's log: one line per entry, `<ISO time> <level> <message> key=value…`.
 *
 * Nothing the API logs carries request variables, so instance secrets never reach it; as a second
 * line of defence every line is scrubbed of anything shaped like an odoo-pulse API key or an
 * encrypted secret envelope.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ServerLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const API_KEY_PATTERN = /\bpulse_([a-z0-9]{10})_[A-Za-z0-9]{40}\b/g;
const ENVELOPE_PATTERN = /\bpulse:v1:([0-9a-f]{8}):[A-Za-z0-9_-]+/g;

/** Removes API keys (keeping their visible prefix) and encrypted secrets from a log line. */
export function redact(text: string): string {
  return text.replace(API_KEY_PATTERN, 'pulse_$1_[redacted]').replace(ENVELOPE_PATTERN, 'pulse:v1:$1:[redacted]');
}

function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

export interface LoggerOptions {
  write: (line: string) => void;
  level?: LogLevel;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): ServerLogger {
  const threshold = RANK[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (RANK[level] < threshold) return;
    const pairs = Object.entries(fields)
      .filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${formatValue(value)}`);
    const text = [now().toISOString(), level, message.replace(/\s+/g, ' ').trim(), ...pairs].join(' ');
    options.write(`${redact(text)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: ServerLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Reads LOG_LEVEL; anything unknown falls back to info. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const level = env.LOG_LEVEL?.toLowerCase();
  return level === 'debug' || level === 'info' || level === 'warn' || level === 'error' ? level : 'info';
}

/** One line for an unexpected error: its name and message, never request data. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** An unexpected error as one line: its own message and that of the error it wraps. */
function describeLogArgument(value: unknown): string {
  if (value instanceof Error) {
    const original = (value as { originalError?: unknown }).originalError;
    const path = (value as { path?: readonly (string | number)[] }).path;
    const where = path?.length ? ` (at ${path.join('.')})` : '';
    return original instanceof Error && original !== value ? `${describeError(original)}${where}` : `${describeError(value)}${where}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Objects may carry request data (variables): never logged.
  return '[object]';
}

/** graphql-yoga's logger interface on top of ours (yoga logs unexpected errors through it). */
export function yogaLogger(log: ServerLogger): Record<LogLevel, (...args: unknown[]) => void> {
  const forward = (level: LogLevel) => (...args: unknown[]) => log[level](args.map(describeLogArgument).join(' '));
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
