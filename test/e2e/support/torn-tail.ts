import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Chromium's IndexedDB keeps each origin in a LevelDB folder under
 * `<profile>/Default/IndexedDB/<origin>.indexeddb.leveldb/`; records go to the
 * newest `*.log`. A LevelDB log record starts with a 7-byte header
 * (uint32 checksum, uint16 payload length, uint8 type; type 1 = a full
 * record), see LevelDB's doc/log_format.md. Chromium writes header and
 * payload in two write() calls, so a SIGKILL between them leaves a header
 * without its payload: a torn tail.
 */

/** Every `*.log` of every origin's IndexedDB LevelDB folder in the profile. */
export function indexedDbLogs(profileDir: string): string[] {
  const root = join(profileDir, 'Default', 'IndexedDB');
  if (!existsSync(root)) return [];
  const logs: string[] = [];
  for (const folder of readdirSync(root)) {
    if (!folder.endsWith('.indexeddb.leveldb')) continue;
    for (const file of readdirSync(join(root, folder))) if (file.endsWith('.log')) logs.push(join(root, folder, file));
  }
  return logs;
}

/** The newest log (by modification time, then name), or null when the profile has none. */
export function newestIndexedDbLog(profileDir: string): string | null {
  const logs = indexedDbLogs(profileDir).map((path) => ({ path, mtime: statSync(path).mtimeMs }));
  logs.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? 1 : -1));
  return logs[0]?.path ?? null;
}

/** The 7 bytes a kill between Chromium's two write() calls leaves: a full-record header promising 600 bytes that never came. */
export function tornHeader(): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt32LE(0x5a17c0de, 0); // any checksum: the payload it guards is missing
  header.writeUInt16LE(600, 4);
  header.writeUInt8(1, 6);
  return header;
}

/** Appends a torn header to the origin's newest log (Chromium must not be running); returns the file. */
export function tearNewestLog(profileDir: string): string {
  const log = newestIndexedDbLog(profileDir);
  if (!log) throw new Error(`no IndexedDB log under ${profileDir}`);
  appendFileSync(log, tornHeader());
  return log;
}

/**
 * True when the log ends in a torn record: walking LevelDB's 32 KiB blocks
 * record by record, the last header promises more bytes than the file holds.
 * (A block's trailer shorter than a header is zero padding, not a tear.)
 */
export function hasTornTail(bytes: Buffer): boolean {
  const BLOCK = 32 * 1024;
  let offset = 0;
  while (offset < bytes.length) {
    const leftInBlock = BLOCK - (offset % BLOCK);
    if (leftInBlock < 7) {
      offset += leftInBlock;
      continue;
    }
    if (bytes.length - offset < 7) return bytes.subarray(offset).some((b) => b !== 0);
    const length = bytes.readUInt16LE(offset + 4);
    const type = bytes.readUInt8(offset + 6);
    if (type === 0 && length === 0) {
      // Zero type and length: preallocated or padded space, the rest of the block is empty.
      offset += leftInBlock;
      continue;
    }
    if (offset + 7 + length > bytes.length) return true;
    offset += 7 + length;
  }
  return false;
}
