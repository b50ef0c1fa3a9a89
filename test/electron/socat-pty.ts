import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A virtual serial cable: socat links `<dir>/scanner` (the port the host
 * opens) to `<dir>/device` (where the test writes like a scanner would).
 */
export interface PtyPair {
  scannerPath: string;
  devicePath: string;
  stop(): Promise<void>;
}

export async function startPtyPair(dir: string, timeoutMs = 3000): Promise<PtyPair> {
  const scannerPath = join(dir, 'scanner');
  const devicePath = join(dir, 'device');
  const child = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${scannerPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(scannerPath) && existsSync(devicePath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill(child, exited);
      throw new Error(`socat did not create ${scannerPath} and ${devicePath} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { scannerPath, devicePath, stop: () => kill(child, exited) };
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
  await exited;
  clearTimeout(timer);
}
