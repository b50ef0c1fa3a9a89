import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../../shared/seeded-random';

/**
 * A loopback TCP proxy between the terminal host and the server that loses
 * answers on purpose. Requests always reach the server whole; of the bytes
 * coming back, a share is dropped (the client connection is closed before it
 * sees any of the chunk, after the server has already committed) and a share
 * is cut mid-body (half the chunk, then the connection closes). Decisions use
 * a seeded generator, so a failing run can be repeated.
 */
export interface ChaosOptions {
  upstreamPort: number;
  /** Share of response chunks dropped entirely. */
  dropShare: number;
  /** Share of response chunks cut in the middle. */
  cutShare: number;
  seed?: number;
}

export interface ChaosProxy {
  port: number;
  url: string;
  stats: { connections: number; passed: number; dropped: number; cut: number };
  /** Change the shares while running (0/0 = a clean line). */
  setShares(dropShare: number, cutShare: number): void;
  /** Pulls the cable (true): open connections drop and new ones are closed at once, nothing reaches the server; false plugs it back in. */
  setCut(cut: boolean): void;
  close(): Promise<void>;
}

export async function startChaosProxy(options: ChaosOptions): Promise<ChaosProxy> {
  const random = seededRandom(options.seed ?? 42);
  let { dropShare, cutShare } = options;
  const stats = { connections: 0, passed: 0, dropped: 0, cut: 0 };
  const sockets = new Set<Socket>();
  let cut = false;

  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    stats.connections += 1;
    const upstream = connect({ host: '127.0.0.1', port: options.upstreamPort });
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const r = random();
      if (r < dropShare) {
        stats.dropped += 1;
        end();
      } else if (r < dropShare + cutShare && chunk.length > 1) {
        stats.cut += 1;
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => end());
      } else {
        stats.passed += 1;
        client.write(chunk);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    setShares(d, c) {
      dropShare = d;
      cutShare = c;
    },
    setCut(value) {
      cut = value;
      if (value) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
