import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerTransport } from '../../electron/host/server-transport';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];

async function startServer(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const event = {
  id: '0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b',
  terminalId: 'T-01',
  seq: 1,
  type: 'OperatorLoggedIn',
  occurredAt: '2025-01-01T06:00:00.000Z',
  payload: { badge: 'B1', role: 'operator', method: 'badge' },
  schemaVersion: 1,
};

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('server transport', () => {
  it('pushes events with the bearer token and terminal id, and validates the answer', async () => {
    let seen: { method?: string; url?: string; auth?: string; body?: unknown } = {};
    const url = await startServer((req, body, res) => {
      seen = { method: req.method, url: req.url, auth: req.headers.authorization, body: JSON.parse(body) };
      json(res, 200, { ackSeq: 1 });
    });
    const transport = createServerTransport({ serverUrl: `${url}/`, terminalId: 'T-01', token: 'tok-123' });
    await expect(transport.push([event])).resolves.toEqual({ ackSeq: 1 });
    expect(seen).toEqual({ method: 'POST', url: '/api/v1/sync/push', auth: 'Bearer tok-123', body: { terminalId: 'T-01', events: [event] } });
  });

  it('sends the app version on every request and posts the status report under its own terminal id', async () => {
    const seen: { url?: string; version?: string | string[]; body?: unknown }[] = [];
    const url = await startServer((req, body, res) => {
      seen.push({ url: req.url, version: req.headers['x-takt-version'], body: body ? JSON.parse(body) : undefined });
      json(res, 200, req.url === '/api/v1/sync/status' ? { receivedAt: '2025-01-06T06:00:00.000Z' } : { changes: [], rev: 0, hasMore: false });
    });
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't', version: '0.4.2' });
    const report = { appVersion: '0.4.2', pending: 0, oldestPendingAt: null, scanner: 'connected' as const, printer: 'ready' as const, storageFreeBytes: 1, lastError: null };
    await expect(transport.status(report)).resolves.toEqual({ receivedAt: '2025-01-06T06:00:00.000Z' });
    await transport.pull(0, 10);
    expect(seen).toEqual([
      { url: '/api/v1/sync/status', version: '0.4.2', body: { ...report, terminalId: 'T-01' } },
      { url: '/api/v1/sync/pull?after=0&limit=10', version: '0.4.2', body: undefined },
    ]);
  });

  it('pulls with after and limit in the query', async () => {
    let seenUrl = '';
    const url = await startServer((req, _body, res) => {
      seenUrl = req.url ?? '';
      json(res, 200, { changes: [{ kind: 'material', id: 'M1', rev: 7, deleted: false, data: { name: 'x' } }], rev: 7, hasMore: false });
    });
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    const page = await transport.pull(5, 100);
    expect(seenUrl).toBe('/api/v1/sync/pull?after=5&limit=100');
    expect(page.rev).toBe(7);
  });

  it.each([
    [401, { error: { code: 'unauthorized', message: 'bad token' } }, 'unauthorized'],
    [403, { error: { code: 'forbidden', message: 'other line' } }, 'forbidden'],
    [500, { error: { code: 'internal', message: 'boom' } }, 'server-error'],
    [503, 'Service Unavailable', 'server-error'],
    [503, { error: { code: 'database-unavailable', message: 'the database is unavailable; retry shortly' } }, 'database-unavailable'],
  ])('HTTP %i → %s', async (status, body, code) => {
    const url = await startServer((_req, _body, res) => (typeof body === 'string' ? res.writeHead(status).end(body) : json(res, status, body)));
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ code });
  });

  it('keeps the server code and message of a 4xx rejection', async () => {
    const url = await startServer((_req, _body, res) => json(res, 413, { error: { code: 'payload-too-large', message: 'at most 2000 events' } }));
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    await expect(transport.push([event])).rejects.toMatchObject({ code: 'server-rejected', message: 'payload-too-large: at most 2000 events' });
  });

  it('treats an answer that fails the schema as server-error', async () => {
    const url = await startServer((_req, _body, res) => json(res, 200, { ackSeq: 'many' }));
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    await expect(transport.push([event])).rejects.toMatchObject({ code: 'server-error' });
  });

  it('treats a non-JSON answer as server-error', async () => {
    const url = await startServer((_req, _body, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ code: 'server-error' });
  });

  it('maps a refused connection to server-unreachable', async () => {
    const url = await startServer(() => {});
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't' });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ code: 'server-unreachable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('maps a server that never answers to timeout', async () => {
    const url = await startServer(() => {}); // never responds
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't', timeoutMs: 200 });
    const started = Date.now();
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a server that stalls in the middle of the body', async () => {
    const url = await startServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ackSeq":'); // and never finishes
    });
    const transport = createServerTransport({ serverUrl: url, terminalId: 'T-01', token: 't', timeoutMs: 200 });
    await expect(transport.push([event])).rejects.toMatchObject({ code: 'timeout' });
  });

  it('refuses to call the server without a token', async () => {
    const transport = createServerTransport({ serverUrl: 'http://127.0.0.1:9', terminalId: 'T-01', token: '' });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
