/** Grouping failed mails by reason, shared by the performance and configuration checks. */
import type { MailQueueFacts } from '../../facts/types.ts';

/** "111\nConnection refused" → "111 Connection refused"; null reasons become "no reason recorded". */
export function normaliseReason(reason: string | null): string {
  const text = (reason ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return 'no reason recorded';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** Most recent date among the mails failing with this reason. */
  latest: string | null;
}

/** Reasons of the recent failed mails, most frequent first. */
export function failureReasons(queue: MailQueueFacts): ReasonCount[] {
  const byReason = new Map<string, ReasonCount>();
  for (const mail of queue.recentExceptions) {
    const reason = normaliseReason(mail.failureReason);
    const entry = byReason.get(reason) ?? { reason, count: 0, latest: null };
    entry.count++;
    if (mail.date && (!entry.latest || mail.date > entry.latest)) entry.latest = mail.date;
    byReason.set(reason, entry);
  }
  return [...byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Reasons that say the SMTP server could not be reached or refused the login. */
export const CONNECTION_FAILURE_RE =
  /connection refused|connection (?:timed out|reset)|timed out|timeout|name or service not known|nodename nor servname|temporary failure in name resolution|getaddrinfo|no route to host|network is unreachable|certificate verify failed|wrong version number|ssl|authentication (?:failed|unsuccessful)|username and password not accepted|\b535\b|\b534\b|\b530\b/i;
