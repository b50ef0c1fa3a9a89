import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A virtual serial scanner: a socat pseudo-terminal pair. The host opens
 * `hostPath` as if a scanner were plugged in; `takt scan` (or a test) writes
 * to `devicePath` as the scanner would.
 */
export interface VirtualScanner {
  hostPath: string;
  devicePath: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

export async function startVirtualScanner(hostPath: string, devicePath: string, timeoutMs = 5000): Promise<VirtualScanner> {
  mkdirSync(dirname(hostPath), { recursive: true });
  mkdirSync(dirname(devicePath), { recursive: true });
  for (const p of [hostPath, devicePath]) rmSync(p, { force: true });
  const child = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat did not create ${hostPath} and ${devicePath}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    hostPath,
    devicePath,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}
