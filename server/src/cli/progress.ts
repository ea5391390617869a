/**
 * Live progress on stderr while collectors run: one status line rewritten in place, and one line kept
 * per finished collector. Only for a terminal; redirected stderr stays clean.
 */
import type { ProgressEvent, ProgressListener } from '../collect/types.ts';
import type { CliIO } from './types.ts';

const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressDisplay {
  listener: ProgressListener | undefined;
  /** Clears the status line (call before printing anything else). */
  done(): void;
}

export function describeProgress(event: ProgressEvent): string {
  switch (event.type) {
    case 'collector-started':
      return `${event.collector}: starting`;
    case 'step':
      return `${event.collector}: ${event.step} (${event.done}/${event.total})`;
    case 'collector-finished':
      return `${event.collector}: ${event.status}${event.message ? ` (${event.message.replace(/\s+/g, ' ')})` : ''}`;
  }
}

export function progressDisplay(io: CliIO): ProgressDisplay {
  if (!io.stderr.isTTY) return { listener: undefined, done: () => undefined };
  let status = false;
  const columns = (io.stderr as { columns?: number }).columns ?? 80;
  const fit = (text: string) => (text.length > columns - 1 ? `${text.slice(0, columns - 2)}…` : text);
  return {
    listener(event) {
      const text = fit(describeProgress(event));
      if (event.type === 'collector-finished') {
        io.stderr.write(`${CLEAR_LINE}${text}\n`);
        status = false;
      } else {
        io.stderr.write(`${CLEAR_LINE}${text}`);
        status = true;
      }
    },
    done() {
      if (status) io.stderr.write(CLEAR_LINE);
      status = false;
    },
  };
}
