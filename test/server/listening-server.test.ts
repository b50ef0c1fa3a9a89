import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerCli } from '../../server/cli/index';
import { DEMO_TERMINALS } from '../../server/demo/demo-data';
import { startServer } from '../../server/main';
import { captureIo } from './support/capture-io';
import { makeEvent } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Resolves with the JSON line a running `takt server --json` prints (on `stream`) that names `event`. */
async function waitForLine<T>(stream: () => string, event: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const line = stream()
      .split('\n')
      .find((l) => l.includes(`"${event}"`));
    if (line) return JSON.parse(line) as T;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`server did not print ${event}: ${stream()}`);
}
const waitForListening = (out: () => string) => waitForLine<{ url: string; demo: { seeded: boolean } }>(out, 'listening');

describe('a listening server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('takt server --demo --json listens on a real port; fetch pushes with the printed demo token', async () => {
    const stop = new AbortController();
    const io = captureIo(database.env, stop.signal);
    const exited = runServerCli(['server', '--data', database.dataDir, '--port', '0', '--demo', '--json'], io);
    try {
      const ready = await waitForListening(io.out);
      expect(ready.demo.seeded).toBe(true);
      // The tokens go to stderr, apart from stdout where the request log runs.
      const tokens = await waitForLine<{ terminalTokens: Record<string, string> }>(io.err, 'demo-tokens');
      expect(io.out()).not.toContain('takt_t_');
      const health = await fetch(`${ready.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: database.dialect });

      const terminalId = DEMO_TERMINALS.L1;
      const res = await fetch(`${ready.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.terminalTokens[terminalId]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId, events: [makeEvent(terminalId, 1), makeEvent(terminalId, 2)] }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ackSeq: 2 });
      const anonymous = await fetch(`${ready.url}/api/v1/sync/pull`);
      expect(anonymous.status).toBe(401);
    } finally {
      stop.abort();
    }
    expect(await exited).toBe(0);
  });

  // openssl makes the throw-away certificate; npm test installs it with chromium and socat.
  it('serves HTTPS when a certificate and key are configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-tls-'));
    const certPath = join(dir, 'cert.pem');
    const keyPath = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = await startServer({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, port: 0, host: '127.0.0.1', tls: { certPath, keyPath }, logger: false });
    try {
      expect(server.url).toMatch(/^https:\/\//);
      const body = await new Promise<string>((resolve, reject) => {
        request(`${server.url}/health`, { ca: readFileSync(certPath) }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
