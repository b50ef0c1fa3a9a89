import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../electron/host/config';
import { issueTerminal } from '../server/credentials-store';
import { openDatabase } from '../server/db/create-database';
import { DEMO_LINES, DEMO_TERMINALS } from '../server/demo/demo-data';

/**
 * The terminal's config file is where plant IT puts the token; the demo does
 * the same. A freshly seeded server hands out the token once; otherwise an
 * existing file is kept, and a missing token is issued anew.
 */
export async function ensureTerminalConfig(userDataDir: string, serverDataDir: string, serverUrl: string, seededToken?: string): Promise<void> {
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, CONFIG_FILE_NAME);
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  let token = seededToken ?? (typeof current.terminalToken === 'string' ? current.terminalToken : '');
  if (!token) {
    const database = openDatabase({ dataDir: serverDataDir });
    try {
      token = (await issueTerminal(database.db, { id: DEMO_TERMINALS.L1, lineId: DEMO_LINES.L1 })).token;
    } finally {
      await database.close();
    }
  }
  const next = { ...current, serverUrl, terminalId: DEMO_TERMINALS.L1, terminalToken: token };
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  // The mode above applies only when the file is created; an older, readable file holds the token too.
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}
