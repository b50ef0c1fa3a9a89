import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../shared/bridge-channels';
import { dispatchBridgeCall } from '../shared/bridge-dispatch';
import { ClientFrame, WS_MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../shared/ws-protocol';
import { SECURITY_HEADERS } from './host/content-security';
import type { Host } from './host/host-services';
import { contentTypeFor, resolveStaticFile } from './host/static-files';

/**
 * The browser transport (DESIGN §2): the built renderer and the bridge over a
 * WebSocket, both on loopback. Only a page served by this very server (Origin
 * check) that knows the per-launch token (URL fragment) may open the bridge;
 * other local processes and web pages cannot.
 */

export interface BrowserHostOptions {
  host: Pick<Host, 'handlers' | 'events'>;
  staticDir: string;
  /** 0 = any free port. */
  port: number;
  hostname?: string;
}

export interface BrowserHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { host, staticDir } = options;
  const hostname = options.hostname ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  const tokenDigest = digest(token);

  const server = createServer((req, res) => void serveStatic(staticDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  let allowedOrigins: ReadonlySet<string> = new Set();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    const given = url.searchParams.get('token') ?? '';
    // Compare digests: equal length always, so timingSafeEqual never throws or leaks the length.
    if (!timingSafeEqual(digest(given), tokenDigest)) return refuse(socket, 401, 'Unauthorized');
    if (!allowedOrigins.has(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', () => ws.terminate()); // e.g. a frame over maxPayload; never crash the host
    ws.on('message', (data: RawData, isBinary: boolean) => void handleFrame(ws, data, isBinary));
  });

  async function handleFrame(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not supported');
      json = JSON.parse(rawToString(data));
    } catch (err) {
      return send(ws, badRequest(0, `malformed frame: ${(err as Error).message}`));
    }
    const frame = ClientFrame.safeParse(json);
    if (!frame.success) {
      return send(ws, badRequest(idOf(json), `malformed frame: ${frame.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}`));
    }
    const { id, channel, request } = frame.data;
    const result = await dispatchBridgeCall(host.handlers, channel, request);
    send(ws, { type: 'result', id, result });
  }

  const unsubscribe = EVENT_NAMES.map((event) =>
    host.events.on(event, (payload) => {
      const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: async () => {
      for (const off of unsubscribe) off();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await closeServer(server);
    },
  };
}

async function serveStatic(staticDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed');
    return;
  }
  const file = await resolveStaticFile(staticDir, req.url ?? '/');
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(file),
    // index.html names hashed bundles; it must be revalidated so an update is picked up.
    'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  // Destroy only once the status line is flushed, so the client learns why (as ws itself does).
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function send(ws: WebSocket, frame: ServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/** Frames that cannot be attributed to a call answer with id 0, so clients should number calls from 1. */
function badRequest(id: number, message: string): ServerFrame {
  return { type: 'result', id, result: { ok: false, error: { code: 'bad-request', message: message.slice(0, 500) } } };
}

function idOf(json: unknown): number {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
