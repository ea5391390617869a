/**
 * A bare PostgreSQL wire-protocol client, for tests that must control exactly which protocol messages
 * reach the server and when (a driver such as pg always sends Parse…Sync in one write).
 * Text parameters only; no authentication beyond "trust" (what the embedded database asks for).
 */
import { connect, type Socket } from 'node:net';

export interface BackendMessage {
  /** The message type: '1' ParseComplete, 'D' DataRow, 'E' ErrorResponse, 'Z' ReadyForQuery… */
  type: string;
  body: Buffer;
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** Frontend messages (unnamed statement and portal). */
export const frontend = {
  parse: (sql: string) => message('P', cstring(''), cstring(sql), int16(0)),
  bind: (params: string[]) =>
    message(
      'B',
      cstring(''),
      cstring(''),
      int16(0),
      int16(params.length),
      ...params.flatMap((param) => [int32(Buffer.byteLength(param)), Buffer.from(param, 'utf8')]),
      int16(0),
    ),
  execute: () => message('E', cstring(''), int32(0)),
  flush: () => message('H'),
  sync: () => message('S'),
};

/** The `M` (message) field of an ErrorResponse. */
export function errorText(body: Buffer): string {
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const end = body.indexOf(0, offset + 1);
    if (String.fromCharCode(body[offset]) === 'M') return body.toString('utf8', offset + 1, end);
    offset = end + 1;
  }
  return 'unknown error';
}

/** The first column of a DataRow, as text (null for SQL NULL). */
export function firstColumn(body: Buffer): string | null {
  const length = body.readInt32BE(2);
  return length < 0 ? null : body.toString('utf8', 6, 6 + length);
}

export interface WireConnection {
  send(...messages: Buffer[]): void;
  /** Every message up to and including the next one of `type` (rejects if the connection ends first). */
  until(type: string): Promise<BackendMessage[]>;
  /** Closes the socket abruptly, as a crashed client would. */
  destroy(): void;
  /** Sends Terminate and closes. */
  end(): void;
}

/** Connects to a `postgresql://user@host:port/database` URL and waits until the server is ready for queries. */
export async function connectWire(url: string): Promise<WireConnection> {
  const { hostname, port, username, pathname } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  const received: BackendMessage[] = [];
  let buffered = Buffer.alloc(0);
  let ended: Error | null = null;
  let wake = () => {};
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 5 && buffered.length >= 1 + buffered.readInt32BE(1)) {
      const length = 1 + buffered.readInt32BE(1);
      received.push({ type: String.fromCharCode(buffered[0]), body: buffered.subarray(5, length) });
      buffered = buffered.subarray(length);
    }
    wake();
  });
  const onEnd = (error?: Error) => {
    ended ??= error ?? new Error('connection closed');
    wake();
  };
  socket.on('error', onEnd);
  socket.on('close', () => onEnd());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });

  const until = async (type: string): Promise<BackendMessage[]> => {
    for (;;) {
      const index = received.findIndex((entry) => entry.type === type);
      if (index >= 0) return received.splice(0, index + 1);
      if (ended) throw ended;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };

  const startup = Buffer.concat([int32(196_608), cstring('user'), cstring(username || 'postgres'), cstring('database'), cstring(pathname.slice(1) || 'postgres'), Buffer.from([0])]);
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  await until('Z');
  return {
    send: (...messages) => {
      socket.write(Buffer.concat(messages));
    },
    until,
    destroy: () => socket.destroy(),
    end: () => {
      socket.end(message('X'));
    },
  };
}
