/** Network helpers for tests that need a port nothing answers on. */
import { createServer, type AddressInfo } from 'node:net';

/** A port nothing listens on (bound on loopback, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
