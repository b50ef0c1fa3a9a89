import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** Child processes of an end-to-end test: started for real, always stopped. */

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const TAKT_BIN = `${ROOT}bin/takt.mjs`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `stdin: 'pipe'` leaves the child's stdin open to the caller (the bench's journal-copy switch); closed otherwise. */
export function startProcess(cmd: string, args: string[], env: Record<string, string>, stdin: 'ignore' | 'pipe' = 'ignore'): Running {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => log,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Resolves with the first stdout line that parses as JSON and matches `predicate`. */
export function waitForJsonLine<T>(running: Running, predicate: (v: Record<string, unknown>) => boolean, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: running.child.stdout! });
    const timer = setTimeout(() => {
      rl.close();
      reject(new Error(`timed out waiting for a ready line; output so far:\n${running.output()}`));
    }, timeoutMs);
    rl.on('line', (line) => {
      try {
        const value = JSON.parse(line) as Record<string, unknown>;
        if (predicate(value)) {
          clearTimeout(timer);
          rl.close();
          resolve(value as T);
        }
      } catch {
        // not a JSON line: ordinary log output
      }
    });
    running.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before it was ready:\n${running.output()}`));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `takt …` to completion and returns its stdout (throws on a non-zero exit). */
export async function takt(args: string[], env: Record<string, string>): Promise<string> {
  const running = startProcess(process.execPath, [TAKT_BIN, ...args], env);
  const code = await new Promise<number | null>((resolve) => running.child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`takt ${args.join(' ')} exited ${code}:\n${running.output()}`);
  return running.output();
}
