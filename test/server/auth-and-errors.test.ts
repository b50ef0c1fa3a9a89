import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT_PATHS } from '../../server/app';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

describe('health, authentication and error bodies', () => {
  let server: TestServer;
  let terminalToken: string;
  beforeAll(async () => {
    server = await createTestServer();
    terminalToken = await server.addTerminal('T-1', 'L1');
  });
  afterAll(() => server.close());

  it('answers GET /health without a token and names the database', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: server.database.dialect });
  });

  it.each([
    ['no header', {}],
    ['an unknown terminal token', bearer('takt_t_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')],
    ['an unknown admin token', bearer('takt_a_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')],
    ['a token without prefix', bearer('secret')],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('rejects %s with 401 unauthorized', async (_label, headers) => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('asks for a token before it reads the body, and on unknown routes too', async () => {
    const bad = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(bad.statusCode).toBe(401);
    const unknown = await server.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(401);
    const authed = await server.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: bearer(terminalToken) });
    expect(authed.statusCode).toBe(404);
    expect(errorCode(authed)).toBe('not-found');
  });

  it('keeps terminal and admin routes apart (403 forbidden)', async () => {
    const terminalOnAdmin = await server.app.inject({ method: 'GET', url: '/api/v1/events?terminalId=T-1', headers: bearer(terminalToken) });
    expect(terminalOnAdmin.statusCode).toBe(403);
    expect(errorCode(terminalOnAdmin)).toBe('forbidden');
    const adminOnTerminal = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(server.adminToken) });
    expect(adminOnTerminal.statusCode).toBe(403);
  });

  it('answers malformed JSON with 400 bad-request', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...bearer(terminalToken), 'content-type': 'application/json' },
      payload: '{"terminalId": "T-1", "events": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad-request', message: expect.any(String) } });
  });

  it('answers a body over 8 MiB with 413 payload-too-large', async () => {
    const huge = JSON.stringify({ terminalId: 'T-1', events: [], padding: 'x'.repeat(8 * 1024 * 1024) });
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...bearer(terminalToken), 'content-type': 'application/json' },
      payload: huge,
    });
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('payload-too-large');
  });

  it('redacts authorization headers and tokens in logs', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    const log = pino({ redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({ req: { headers: { authorization: 'Bearer takt_t_secret' } }, body: { token: 'takt_a_secret', pin: '1234' } }, 'x');
    expect(written).not.toContain('secret');
    expect(written).not.toContain('1234');
    expect(written).toContain('[redacted]');
  });
});
