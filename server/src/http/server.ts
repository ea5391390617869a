/**
 * The HTTP server: GraphQL over HTTP (graphql-yoga, with SSE subscriptions for
 * `Accept: text/event-stream`) and graphql-ws on the same port and path (/graphql).
 *
 * Authentication: `Authorization: Bearer <API key>` on HTTP; over WebSocket the same header on the
 * upgrade request, or `{ "authorization": "Bearer <API key>" }` as connection params. The key is
 * checked for every operation, so a revoked key stops working for new subscriptions at once.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DEFAULT_CODE_SOURCE_SETTINGS, type CodeSourceSettings } from '../code-sources/settings.ts';
import type { Db } from '../db/client.ts';
import { guardLargeBodies, OPERATION_BODY_LIMIT } from './body-guard.ts';
import { createInProcessEventBus } from '../events/bus.ts';
import type { Keyring } from '../security/secrets.ts';
import { authenticate } from '../graphql/auth.ts';
import {
  connectToOdoo,
  createRecordingScanQueue,
  type GraphQLContext,
  type OdooConnector,
  type PulsePubSub,
  type ScanQueue,
  type ServerServices,
} from '../graphql/context.ts';
import { DEFAULT_LIMITS, type OperationLimits } from '../graphql/limits.ts';
import { silentLogger, yogaLogger, type ServerLogger } from '../graphql/logger.ts';
import { schema } from '../graphql/schema.ts';

export const GRAPHQL_PATH = '/graphql';

export interface PulseServerOptions {
  db: Db;
  keyring: Keyring;
  /** Default: an in-process event bus (server/src/events/bus.ts), for a server that runs its own scans. */
  pubSub?: PulsePubSub;
  /** Default: records scans as queued, for a worker to run (`serve` passes the jobs layer's queue). */
  scanQueue?: ScanQueue;
  /** Default: the real Odoo connector. */
  connect?: OdooConnector;
  log?: ServerLogger;
  limits?: OperationLimits;
  /** Git hosts and archive limits for instances' code sources (default: the built-in ones). */
  codeSources?: CodeSourceSettings;
  now?: () => Date;
  /** Serve GraphiQL on GET /graphql from a browser (default true). */
  graphiql?: boolean;
}

export interface PulseServer {
  /** http://host:port/graphql */
  url: string;
  /** ws://host:port/graphql */
  wsUrl: string;
  port: number;
  services: ServerServices;
  /** Stops accepting, closes WebSocket clients and open connections. Idempotent. */
  close(): Promise<void>;
}

interface InitialContext {
  request?: Request;
  connectionParams?: Readonly<Record<string, unknown>>;
  req?: IncomingMessage;
}

/** The Authorization value of an HTTP request, or of a WebSocket connection (params, then upgrade headers). */
function authorizationOf(initial: InitialContext): string | null {
  const fromRequest = initial.request?.headers.get('authorization');
  if (fromRequest) return fromRequest;
  const params = initial.connectionParams ?? {};
  const fromParams = params.authorization ?? params.Authorization;
  if (typeof fromParams === 'string') return fromParams;
  const fromUpgrade = initial.req?.headers.authorization;
  return typeof fromUpgrade === 'string' ? fromUpgrade : null;
}

function servicesFrom(options: PulseServerOptions): ServerServices {
  return {
    db: options.db,
    keyring: options.keyring,
    pubSub: options.pubSub ?? createInProcessEventBus().pubSub,
    scanQueue: options.scanQueue ?? createRecordingScanQueue(options.db),
    connect: options.connect ?? connectToOdoo,
    log: options.log ?? silentLogger,
    limits: options.limits ?? DEFAULT_LIMITS,
    codeSources: options.codeSources ?? DEFAULT_CODE_SOURCE_SETTINGS,
    now: options.now ?? (() => new Date()),
  };
}

/** One info line per HTTP request: method, path, status and operation name (never variables). */
function useRequestLog(log: ServerLogger): Plugin {
  const operations = new WeakMap<Request, string>();
  return {
    onParams({ params, request }) {
      if (params.operationName) operations.set(request, params.operationName);
    },
    onResponse({ request, response }) {
      log.info(`${request.method} ${new URL(request.url).pathname} ${response.status}`, { operation: operations.get(request) });
    },
  };
}

/** The operation, the map and the multipart framing around an uploaded archive. */
const MULTIPART_OVERHEAD = 1024 * 1024;

export type PulseYoga = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

/** The Yoga app (a fetch handler and Node request listener) for these services. */
export function createPulseYoga(services: ServerServices, options: { graphiql?: boolean } = {}): PulseYoga {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: options.graphiql === false ? false : { subscriptionsProtocol: 'WS', title: 'odoo-pulse API' },
    logging: yogaLogger(services.log),
    // Room for the largest code source archive in a multipart upload (setCodeSource), never below Yoga's 25 MB.
    // Larger bodies than an operation needs only get this far as authenticated uploads (./body-guard.ts).
    maxRequestBodySize: Math.max(OPERATION_BODY_LIMIT, services.codeSources.maxArchiveBytes + MULTIPART_OVERHEAD),
    plugins: [useRequestLog(services.log)],
    // Unexpected errors reach clients as "Unexpected error." only; the log gets one line.
    maskedErrors: { maskError: (error, message) => maskError(error, message, false) },
    context: async (initial: InitialContext) => {
      const { viewer, failure } = await authenticate(services.db, authorizationOf(initial), services.now());
      return { ...services, viewer, authFailure: failure };
    },
  });
}

/** Adds graphql-ws to `httpServer` on the GraphQL path, executing through Yoga's envelop. */
function attachWebSockets(httpServer: Server, yoga: PulseYoga): WebSocketServer {
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  type EnvelopedRoot = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };
  useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The operation could not be parsed.')];
        }
        const args: ExecutionArgs = {
          schema: envelopedSchema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wsServer,
  );
  return wsServer;
}

/** Starts the API on `port` (0: a free one) and `host` (default 0.0.0.0). */
export async function startPulseServer(options: PulseServerOptions & { port?: number; host?: string }): Promise<PulseServer> {
  const services = servicesFrom(options);
  const yoga = createPulseYoga(services, { graphiql: options.graphiql });
  const httpServer = createServer(guardLargeBodies(services.db, services.now, yoga));
  const sockets = new Set<Socket>();
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  // Attached once listening: a failed listen (port taken) is then the caller's one error.
  const wsServer = attachWebSockets(httpServer, yoga);
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${shownHost}:${port}${GRAPHQL_PATH}`,
    port,
    services,
    close() {
      closing ??= (async () => {
        for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Idle keep-alive and SSE connections would hold close() open.
        httpServer.closeIdleConnections();
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closing;
    },
  };
}
