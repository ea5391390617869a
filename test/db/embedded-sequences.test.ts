/**
 * The embedded database serves every connection from one PGlite backend, which has one unnamed
 * statement and portal: each connection's Parse…Sync sequence must run without another
 * connection's messages in between, and a connection that closes half-way must not disturb the next.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { connectWire, errorText, firstColumn, frontend, type BackendMessage, type WireConnection } from './wire.ts';

let dir: string;
let embedded: EmbeddedDatabase;
const connections: WireConnection[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulse-sequences-'));
  embedded = await startEmbeddedDatabase({ dataDir: dir });
});

afterAll(async () => {
  for (const connection of connections) connection.destroy();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<WireConnection> {
  const connection = await connectWire(embedded.url);
  connections.push(connection);
  return connection;
}

/** The rows' first column and the errors of one sequence's answer. */
function outcome(messages: BackendMessage[]) {
  return {
    rows: messages.filter((entry) => entry.type === 'D').map((entry) => firstColumn(entry.body)),
    errors: messages.filter((entry) => entry.type === 'E').map((entry) => errorText(entry.body)),
  };
}

function query(sql: string, params: string[] = []): Buffer[] {
  return [frontend.parse(sql), frontend.bind(params), frontend.execute(), frontend.sync()];
}

it("keeps one connection's Parse … Sync together while another connection sends a whole sequence", async () => {
  const [first, second] = [await open(), await open()];
  first.send(frontend.parse('select $1::int + $2::int'), frontend.flush());
  await first.until('1');
  // Sent between the first connection's Parse and its Bind: it must wait for the first one's Sync.
  second.send(...query('select $1::int + $2::int + $3::int', ['1', '2', '3']));
  const secondAnswer = second.until('Z');
  // Let the second sequence reach the server (it would be answered by now if nothing held it).
  await Promise.race([secondAnswer, new Promise((resolve) => setTimeout(resolve, 300))]);
  first.send(frontend.bind(['1', '2']), frontend.execute(), frontend.sync());

  expect(outcome(await first.until('Z'))).toEqual({ rows: ['3'], errors: [] });
  expect(outcome(await secondAnswer)).toEqual({ rows: ['6'], errors: [] });
});

it('answers the next connection after one closed half-way through a sequence that failed', async () => {
  const [failing, next] = [await open(), await open()];
  failing.send(frontend.parse('selec 1'), frontend.flush());
  expect(outcome(await failing.until('E')).errors).toEqual(['syntax error at or near "selec"']);
  // Closed before its Sync: the backend skips messages after an error until a Sync comes.
  failing.destroy();
  next.send(...query('select $1::int + $2::int', ['20', '22']));
  expect(outcome(await next.until('Z'))).toEqual({ rows: ['42'], errors: [] });
});

it("does not commit a closed connection's unfinished statement with another connection's Sync", async () => {
  const [setup, closing, next] = [await open(), await open(), await open()];
  setup.send(...query('create table unfinished (x int)'));
  expect(outcome(await setup.until('Z')).errors).toEqual([]);
  closing.send(frontend.parse('insert into unfinished values (1)'), frontend.bind([]), frontend.execute(), frontend.flush());
  await closing.until('C');
  // Its client never sent Sync: as on PostgreSQL, the insert must not count.
  closing.destroy();
  next.send(...query('select count(*) from unfinished'));
  expect(outcome(await next.until('Z'))).toEqual({ rows: ['0'], errors: [] });
});
