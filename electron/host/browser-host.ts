import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/bridge-channels';
import { dispatchBridgeCall } from '../../shared/bridge-dispatch';
import { CLOSE_REPLACED, ClientFrame, WS_MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../../shared/ws-protocol';
import {
  PAIR_PATH,
  PairingCodes,
  SESSION_PATH,
  hasSession,
  loadBrowserCredential,
  pairingUrl,
  sessionCookie,
  writePairingPage,
} from './browser-host-pairing';
import { SECURITY_HEADERS } from './content-security';
import type { Host } from './host-services';
import { contentTypeFor, resolveStaticFile } from './static-files';

/**
 * The browser transport (DESIGN §2): the built renderer and the bridge over a
 * WebSocket, both on loopback. Opening the bridge takes both the terminal's
 * session cookie (earned once with a one-time pairing code, see
 * browser-host-pairing.ts) and an Origin of this very server: a web page
 * elsewhere has no cookie for us and a local program that forges the Origin
 * still has none. One client at a time: a new connection replaces the old.
 */

export { CLOSE_REPLACED } from '../../shared/ws-protocol';
const MAX_PAIR_BODY_BYTES = 1024;

export interface BrowserHostOptions {
  host: Pick<Host, 'handlers' | 'events'>;
  staticDir: string;
  /** 0 = any free port. */
  port: number;
  hostname?: string;
  /** Holds the stable credential and the pairing page. */
  userDataDir: string;
}

export interface BrowserHost {
  /** The loopback URL with a one-time pairing code; spent once a page used it. */
  url: string;
  /** The 0600 page in the user-data folder that forwards to the current pairing URL. */
  pairingPage: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { host, staticDir } = options;
  const hostname = options.hostname ?? '127.0.0.1';
  const credential = await loadBrowserCredential(options.userDataDir);
  const codes = new PairingCodes();
  let port = 0;
  let baseUrl = '';
  let pairingPage = '';

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://loopback').pathname;
    if (path === PAIR_PATH) return void pair(req, res);
    if (path === SESSION_PATH) return answer(res, hasSession(req.headers.cookie, port, credential) ? 204 : 401, 'session');
    void serveStatic(staticDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  let allowedOrigins: ReadonlySet<string> = new Set();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!hasSession(req.headers.cookie, port, credential)) return refuse(socket, 401, 'Unauthorized');
    if (!allowedOrigins.has(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  /** POST {code}: a valid one-time code earns the session cookie; the next code goes to the pairing page. */
  async function pair(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return answer(res, 405, 'method-not-allowed');
    // A page elsewhere cannot pair through a visitor's browser: its Origin is not ours.
    if (!allowedOrigins.has(req.headers.origin ?? '')) return answer(res, 403, 'forbidden');
    const body = await readBody(req);
    if (body === null) return answer(res, 413, 'payload-too-large');
    const code = codeOf(body);
    if (!code || !codes.redeem(code)) return answer(res, 401, 'pairing-code-invalid');
    pairingPage = await writePairingPage(options.userDataDir, pairingUrl(baseUrl, codes.current()));
    res.setHeader('set-cookie', sessionCookie(port, credential));
    answer(res, 204, 'paired');
  }

  wss.on('connection', (ws: WebSocket) => {
    for (const other of wss.clients) if (other !== ws) other.close(CLOSE_REPLACED, 'replaced by another client');
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
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  allowedOrigins = new Set([baseUrl, `http://localhost:${port}`]);
  const url = pairingUrl(baseUrl, codes.current());
  pairingPage = await writePairingPage(options.userDataDir, url);

  return {
    url,
    get pairingPage() {
      return pairingPage;
    },
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

/** Answers with a status and, for errors, a coded JSON body; never a page. */
function answer(res: ServerResponse, status: number, code: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('cache-control', 'no-store');
  if (status < 300) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: { code, message: code } }));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody) => {
    let text = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      // Past the limit the rest is read and dropped, so the client still gets its answer.
      if (tooLarge) return;
      text += chunk;
      tooLarge = text.length > MAX_PAIR_BODY_BYTES;
    });
    req.on('end', () => resolveBody(tooLarge ? null : text));
    req.on('error', () => resolveBody(null));
  });
}

function codeOf(body: string): string {
  try {
    const code = (JSON.parse(body) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
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

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
