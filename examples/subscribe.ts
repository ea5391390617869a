/**
 * Follow odoo-pulse live: print every finished scan and every new high or critical finding.
 *
 *   npm install graphql-ws ws
 *   PULSE_API_URL=https://pulse.example.com/graphql PULSE_API_KEY=pulse_xxx npx tsx subscribe.ts
 *
 * PULSE_API_KEY needs the read scope. Optional: PULSE_INSTANCE_IDS=<id>,<id> to follow only those
 * instances. Stop with Ctrl-C. The same subscriptions also work over SSE (Accept: text/event-stream).
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const apiUrl = process.env.PULSE_API_URL ?? 'http://localhost:4000/graphql';
const apiKey = process.env.PULSE_API_KEY;
if (!apiKey) {
  console.error('Set PULSE_API_KEY to an odoo-pulse API key with the read scope.');
  process.exit(2);
}
const instanceIds = process.env.PULSE_INSTANCE_IDS?.split(',').map((id) => id.trim()).filter(Boolean);

// graphql-ws speaks WebSocket on the same URL as HTTP: http(s):// becomes ws(s)://.
const client = createClient({
  url: apiUrl.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  // The API key goes in the connection parameters (browsers cannot set WebSocket headers).
  connectionParams: { authorization: `Bearer ${apiKey}` },
  // Reconnect after network trouble, e.g. a server restart.
  retryAttempts: Infinity,
  shouldRetry: () => true,
});

client.on('connected', () => console.log(`Connected to ${apiUrl}; waiting for events (Ctrl-C to stop).`));

/** Runs one subscription, printing each event with `format`; errors (a bad key…) end the program. */
function follow<T>(query: string, format: (data: T) => string): () => void {
  return client.subscribe<T>(
    { query, variables: { instanceIds } },
    {
      next: (result) => {
        if (result.errors) {
          for (const error of result.errors) console.error(`odoo-pulse: ${error.message}`);
          process.exit(1);
        }
        if (result.data) console.log(format(result.data));
      },
      error: (error) => {
        console.error('Subscription failed:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
      complete: () => {},
    },
  );
}

interface ScanFinished {
  scanFinished: { id: string; status: string; score: number | null; grade: string | null; error: string | null; instance: { name: string } };
}

interface FindingOpened {
  findingOpened: { id: string; severity: string; title: string; instance: { name: string } };
}

const stops = [
  follow<ScanFinished>(
    `subscription ScanFinished($instanceIds: [ID!]) {
      scanFinished(instanceIds: $instanceIds) { id status score grade error instance { name } }
    }`,
    ({ scanFinished: scan }) =>
      scan.status === 'failed'
        ? `scan failed     ${scan.instance.name}: ${scan.error ?? 'no reason given'}`
        : `scan ${scan.status.padEnd(10)} ${scan.instance.name}: score ${scan.score ?? 'n/a'} (${scan.grade ?? '-'})`,
  ),
  follow<FindingOpened>(
    `subscription FindingOpened($instanceIds: [ID!]) {
      findingOpened(minSeverity: high, instanceIds: $instanceIds) { id severity title instance { name } }
    }`,
    ({ findingOpened: finding }) => `new ${finding.severity.padEnd(8)} ${finding.instance.name}: ${finding.title}`,
  ),
];

process.on('SIGINT', () => {
  for (const stop of stops) stop();
  void client.dispose();
  console.log('Stopped.');
  process.exit(0);
});
