import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes and all their descendants, from Linux's /proc
 * (utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s): on a loaded
 * machine the sync bench's wall time says little, the CPU each part spends per
 * event says where the time goes.
 */
const TICK_MS = 10;

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `root` and every process below it. */
export function treeCpuMs(root: number): number {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === root) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let ms = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ms += stat.cpuMs;
  return ms;
}

/** Snapshots of several named process trees; `since` gives each tree's CPU milliseconds since the snapshot. */
export function cpuMeter(roots: Record<string, number>): { since(): Record<string, number> } {
  const start = Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, treeCpuMs(pid)]));
  return {
    since: () => Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, treeCpuMs(pid) - (start[name] ?? 0)])),
  };
}
