/**
 * Validation of what a partner types when registering or editing an instance. Each failure is an
 * InvalidInputError naming the field, with one sentence saying what to write instead.
 */
import { parseSchedule, ScheduleError } from '../../jobs/schedule.ts';
import { InvalidInputError } from '../errors.ts';

const MAX_NAME_LENGTH = 200;
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 50;

export function requiredText(field: string, value: string, what: string, maxLength = MAX_NAME_LENGTH): string {
  const text = value.trim();
  if (!text) throw new InvalidInputError(field, `${what} must not be blank.`);
  if (text.length > maxLength) throw new InvalidInputError(field, `${what} must be at most ${maxLength} characters.`);
  return text;
}

/** The instance's base URL: http(s), no credentials, query or fragment; without a trailing slash. */
export function instanceUrl(value: string, field = 'url'): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError(field, `"${text}" is not a URL: give the instance's address, e.g. https://erp.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(field, `The URL must start with https:// (or http://), e.g. https://erp.example.com.`);
  }
  if (url.username || url.password) {
    throw new InvalidInputError(field, 'Do not put a login or password in the URL: give them in login and secret.');
  }
  if (url.search || url.hash) {
    throw new InvalidInputError(field, "Give the instance's base address without ?query or #fragment, e.g. https://erp.example.com.");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Tags: trimmed, without duplicates, at most MAX_TAGS of MAX_TAG_LENGTH characters. */
export function tagList(values: readonly string[], field = 'tags'): string[] {
  const tags = [...new Set(values.map((tag) => tag.trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS) throw new InvalidInputError(field, `An instance has at most ${MAX_TAGS} tags.`);
  const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (long) throw new InvalidInputError(field, `Tags are at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" is longer).`);
  return tags;
}

/**
 * A scan schedule as the scheduler reads it (server/src/jobs/schedule.ts): daily, weekly, a
 * five-field cron expression or an alias such as @daily, in the partner's time zone, at most hourly.
 * Blank means "on demand only".
 */
export function scanSchedule(value: string | null | undefined, timezone: string, field = 'schedule'): string | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  try {
    return parseSchedule(text, timezone);
  } catch (error) {
    if (error instanceof ScheduleError) throw new InvalidInputError(field, error.message);
    throw error;
  }
}
